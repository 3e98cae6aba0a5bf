#!/usr/bin/env bash
# Throwaway WordPress (Debian's wordpress package + MariaDB + PHP's built-in server) on loopback, for
# tests and CI. Nothing is written outside DIR (no /etc, no system MariaDB).
#
#   scripts/services/wordpress.sh install
#       apt-get installs the Debian packages when any is missing (~30–75 s); quiet no-op otherwise.
#   scripts/services/wordpress.sh start DIR [PORT] [--plain] [--seo yoast|rankmath|seopress|none]
#       MariaDB (private datadir, unix socket only) + a copy of /usr/share/wordpress in DIR, installs one
#       site on PORT (default 8088) and prints ONE JSON line on stdout:
#         {"url":"http://127.0.0.1:PORT","user":"admin","appPassword":"…","adminPassword":"…",
#          "editor":{"user":"editor","appPassword":"…"}}
#       "editor" is an Editor WordPress denies unfiltered_html (as on a multisite or with
#       DISALLOW_UNFILTERED_HTML), so it strips <script> from that user's posts.
#       Logs go to files in DIR. --plain: no pretty permalinks (and no URL rewriting, like Apache
#       without mod_rewrite), so /wp-json/ is a 404 and only /?rest_route=/ works.
#       The site runs Debian's twentytwentythree theme (package wordpress-theme-twentytwentythree).
#       --seo (default yoast): a must-use plugin registers that SEO plugin's post meta keys with
#       show_in_rest, SIMULATING a site that exposes them over REST (Debian ships no SEO plugin).
#   scripts/services/wordpress.sh add-site DIR PORT [--plain] [--seo …]
#       A second site in the same DIR (same MariaDB and files, its own tables and port): ~1 s.
#   scripts/services/wordpress.sh stop DIR
#       Stops every php server (by process group) and mariadbd (by pid), then removes DIR.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
helpers="$here/wordpress"
WP_SRC=${WP_SRC:-/usr/share/wordpress}
PACKAGES=(curl wordpress wordpress-theme-twentytwentythree php-cli php-mysql php-gd php-curl php-xml php-mbstring php-intl php-zip mariadb-server)
# The block theme the rendering tests activate (Debian installs it into \$WP_SRC/wp-content/themes).
THEME=twentytwentythree

die() { echo "wordpress.sh: $1" >&2; exit "${2:-1}"; }
randpw() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }

have_stack() {
  command -v php >/dev/null 2>&1 && command -v mariadbd >/dev/null 2>&1 &&
    command -v mariadb-install-db >/dev/null 2>&1 && command -v curl >/dev/null 2>&1 &&
    [ -f "$WP_SRC/wp-settings.php" ] && [ -f "$WP_SRC/wp-content/themes/$THEME/style.css" ] && php -r 'exit(extension_loaded("mysqli") ? 0 : 1);' 2>/dev/null
}

cmd_install() {
  have_stack && return 0
  [ "$(id -u)" = 0 ] || die "missing packages; as root run: apt-get install -y --no-install-recommends ${PACKAGES[*]}" 3
  export DEBIAN_FRONTEND=noninteractive
  local log=${TMPDIR:-/tmp}/igny8-wordpress-apt.log
  apt-get update -qq >"$log" 2>&1 || true
  apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >>"$log" 2>&1 ||
    { tail -20 "$log" >&2; die "apt-get install failed; see $log"; }
  have_stack || die "packages installed but the stack is still incomplete; see $log"
}

# Options after the positional arguments: --plain, --seo NAME.
parse_site_opts() {
  permalinks=pretty; seo=yoast
  while [ $# -gt 0 ]; do
    case "$1" in
      --plain) permalinks=plain ;;
      --seo) seo=${2:?--seo needs yoast|rankmath|seopress|none}; shift ;;
      *) die "unknown option $1" 2 ;;
    esac
    shift
  done
  case "$seo" in yoast | rankmath | seopress | none) ;; *) die "--seo must be yoast|rankmath|seopress|none" 2 ;; esac
}

sql() { mariadb --no-defaults --socket="$dir/db/mysqld.sock" -u "$db_admin" "$@"; }

start_mariadb() {
  local db="$dir/db" run_as
  if [ "$(id -u)" = 0 ]; then run_as=mysql; else run_as=$(id -un); fi
  db_admin=$( [ "$(id -u)" = 0 ] && echo root || id -un )
  mkdir -p "$db"
  [ "$(id -u)" = 0 ] && chown mysql:mysql "$db"
  mariadb-install-db --no-defaults --user="$run_as" --datadir="$db" --skip-test-db \
    --auth-root-authentication-method=socket >"$dir/mariadb-install.log" 2>&1 ||
    { tail -20 "$dir/mariadb-install.log" >&2; die "mariadb-install-db failed; see $dir/mariadb-install.log"; }
  setsid -f mariadbd --no-defaults --user="$run_as" --datadir="$db" --socket="$db/mysqld.sock" \
    --pid-file="$db/mysqld.pid" --skip-networking --skip-log-bin --skip-name-resolve \
    --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=0 --log-error="$db/mariadb.log" \
    </dev/null >/dev/null 2>&1
  local i
  for i in $(seq 1 150); do
    mariadb-admin --no-defaults --socket="$db/mysqld.sock" -u "$db_admin" ping >/dev/null 2>&1 && break
    [ "$i" = 150 ] && { tail -20 "$db/mariadb.log" >&2; die "MariaDB did not start; see $db/mariadb.log"; }
    sleep 0.1
  done
  db_password=$(randpw)
  sql -e "CREATE DATABASE wp CHARACTER SET utf8mb4; CREATE USER 'wp'@'localhost' IDENTIFIED BY '$db_password'; GRANT ALL ON wp.* TO 'wp'@'localhost';"
}

write_files() {
  cp -r "$WP_SRC" "$dir/www"
  rm -f "$dir/www/.htaccess" "$dir/www/wp-config.php"
  mkdir -p "$dir/www/wp-content/uploads" "$dir/www/wp-content/mu-plugins"
  cp "$helpers/igny8-simulated-seo.php" "$dir/www/wp-content/mu-plugins/"
  local salts="" k
  for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
    salts+="define('$k', '$(randpw)$(randpw)');"$'\n'
  done
  cat >"$dir/www/wp-config.php" <<PHP
<?php
// Written by scripts/services/wordpress.sh for a throwaway test site. Every php server started for
// this folder shares these files and this database; its port picks the site's tables and URL.
\$igny8_port = (int) (\$_SERVER['SERVER_PORT'] ?? 0);
define('DB_NAME', 'wp');
define('DB_USER', 'wp');
define('DB_PASSWORD', '$db_password');
define('DB_HOST', 'localhost:$dir/db/mysqld.sock');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
\$table_prefix = 'wp' . \$igny8_port . '_';
define('WP_HOME', 'http://127.0.0.1:' . \$igny8_port);
define('WP_SITEURL', 'http://127.0.0.1:' . \$igny8_port);
// 'local' lets application passwords work over plain http.
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('FS_METHOD', 'direct');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_DEBUG', false);
$salts
if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
PHP
}

php_ini=(-d display_errors=0 -d log_errors=1 -d memory_limit=256M -d upload_max_filesize=64M -d post_max_size=64M)

add_site() {
  local port=$1
  [ -f "$dir/php-$port.pid" ] && die "a site on port $port already runs from $dir" 4
  local admin_pw json
  admin_pw=$(randpw)
  json=$(php "${php_ini[@]}" -d error_log="$dir/php-install-$port.log" "$helpers/install.php" \
    "$dir/www" "$port" "$admin_pw" "$permalinks" "$seo" 2>>"$dir/php-install-$port.log") ||
    { tail -20 "$dir/php-install-$port.log" >&2; die "WordPress install failed; see $dir/php-install-$port.log"; }
  local plain=0
  [ "$permalinks" = plain ] && plain=1
  # setsid makes the php server a process-group leader; its pid is the group id `stop` kills.
  IGNY8_WP_PLAIN=$plain PHP_CLI_SERVER_WORKERS=4 setsid bash -c 'echo $$ >"$0"; exec "${@}"' "$dir/php-$port.pid" \
    php "${php_ini[@]}" -d error_log="$dir/php-$port-errors.log" -S "127.0.0.1:$port" -t "$dir/www" \
    "$helpers/router.php" </dev/null >"$dir/php-$port.log" 2>&1 &
  local i code
  for i in $(seq 1 100); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/wp-login.php" 2>/dev/null || true)
    [ "$code" = 200 ] && break
    if [ "$i" = 100 ] || ! kill -0 "$(cat "$dir/php-$port.pid" 2>/dev/null || echo 0)" 2>/dev/null; then
      tail -5 "$dir/php-$port.log" >&2
      die "php server on 127.0.0.1:$port did not come up (port taken?); see $dir/php-$port.log"
    fi
    sleep 0.1
  done
  echo "$json"
}

cmd_start() {
  dir=${1:?start DIR [PORT] [--plain] [--seo NAME]}; shift
  local port=8088
  if [ $# -gt 0 ] && [[ "$1" != --* ]]; then port=$1; shift; fi
  parse_site_opts "$@"
  have_stack || die "WordPress stack missing: run '$0 install' (as root)" 3
  [ -e "$dir/www" ] && die "$dir already holds a WordPress; stop it first" 4
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  # mariadbd runs as the mysql user and must be able to reach DIR/db.
  chmod 711 "$dir"
  start_mariadb
  write_files
  add_site "$port"
}

cmd_add_site() {
  dir=${1:?add-site DIR PORT [--plain] [--seo NAME]}; local port=${2:?add-site DIR PORT}; shift 2
  parse_site_opts "$@"
  dir=$(cd "$dir" && pwd)
  [ -f "$dir/www/wp-config.php" ] || die "no WordPress in $dir; use start first" 3
  add_site "$port"
}

cmd_stop() {
  dir=${1:?stop DIR}
  [ -d "$dir" ] || return 0
  local f pg pid i
  for f in "$dir"/php-*.pid; do
    [ -f "$f" ] || continue
    pg=$(cat "$f")
    # Killing the group also stops PHP_CLI_SERVER_WORKERS children, which survive a plain kill.
    kill -TERM -- "-$pg" 2>/dev/null || true
  done
  if [ -f "$dir/db/mysqld.pid" ]; then
    pid=$(cat "$dir/db/mysqld.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  for f in "$dir"/php-*.pid; do
    [ -f "$f" ] || continue
    kill -KILL -- "-$(cat "$f")" 2>/dev/null || true
  done
  rm -rf "$dir"
}

case "${1:-}" in
  install) cmd_install ;;
  start) shift; cmd_start "$@" ;;
  add-site) shift; cmd_add_site "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  *) echo "usage: $0 install | start DIR [PORT] [--plain] [--seo yoast|rankmath|seopress|none] | add-site DIR PORT [--plain] [--seo …] | stop DIR" >&2; exit 2 ;;
esac
