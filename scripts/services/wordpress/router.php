<?php
// Router for `php -S`: real files and folders are served by the built-in server as they are (PHP
// files run), everything else goes to WordPress's index.php, as Apache's mod_rewrite does with
// WordPress's .htaccess. With IGNY8_WP_PLAIN=1 it behaves like a server without rewrites (the
// "plain permalinks" case): unknown paths are a plain 404, so /wp-json/ is missing and only
// /?rest_route=/ reaches the REST API.
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if (file_exists($_SERVER['DOCUMENT_ROOT'] . $path)) {
    return false;
}
if (getenv('IGNY8_WP_PLAIN') === '1') {
    http_response_code(404);
    header('Content-Type: text/html; charset=utf-8');
    echo "<!doctype html><title>404 Not Found</title><h1>Not Found</h1>\n";
    return true;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
