<?php
// Installs one WordPress site from the command line, without wp-cli, and prints one JSON line.
// Usage: php install.php WWW PORT ADMIN_PASSWORD pretty|plain yoast|rankmath|seopress|none
[$_, $www, $port, $adminPassword, $permalinks, $seo] = $argv + [null, null, null, null, 'pretty', 'none'];
if (!$www || !$port || !$adminPassword) {
    fwrite(STDERR, "usage: php install.php WWW PORT ADMIN_PASSWORD [pretty|plain] [yoast|rankmath|seopress|none]\n");
    exit(2);
}
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = "127.0.0.1:$port";
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = $port;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';

// No mail server here: skip the "your new site" e-mail (a pluggable function).
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}

require $www . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$result = wp_install('igny8 test site', 'admin', 'admin@example.test', false, '', wp_slash($adminPassword));
$userId = (int) $result['user_id'];
update_option('permalink_structure', $permalinks === 'plain' ? '' : '/%postname%/');
update_option('igny8_simulate_seo', $seo);
update_option('timezone_string', 'UTC');
// A real block theme, so rendering tests see what a stock site shows (Debian's
// wordpress-theme-twentytwentythree; without it WordPress has no theme to render with).
$theme = wp_get_theme('twentytwentythree');
if (!$theme->exists()) {
    fwrite(STDERR, "theme twentytwentythree missing: apt-get install wordpress-theme-twentytwentythree\n");
    exit(3);
}
switch_theme('twentytwentythree');
flush_rewrite_rules(false);

[$appPassword] = WP_Application_Passwords::create_new_application_password($userId, ['name' => 'igny8-ci']);
// An editor WordPress strips <script> for, the way a multisite or a site with DISALLOW_UNFILTERED_HTML
// treats editors (igny8-simulated-seo.php denies it unfiltered_html through map_meta_cap): what an
// agency's application password usually looks like.
$editorId = wp_insert_user([
    'user_login' => 'editor',
    'user_pass' => wp_generate_password(24, false),
    'user_email' => 'editor@example.test',
    'role' => 'editor',
]);
if (is_wp_error($editorId)) {
    fwrite(STDERR, 'editor user: ' . $editorId->get_error_message() . "\n");
    exit(4);
}
update_option('igny8_simulate_no_unfiltered_html', [(int) $editorId]);
[$editorPassword] = WP_Application_Passwords::create_new_application_password($editorId, ['name' => 'igny8-ci']);
echo json_encode([
    'url' => "http://127.0.0.1:$port",
    'user' => 'admin',
    'appPassword' => $appPassword,
    'adminPassword' => $adminPassword,
    'editor' => ['user' => 'editor', 'appPassword' => $editorPassword],
], JSON_UNESCAPED_SLASHES) . "\n";
