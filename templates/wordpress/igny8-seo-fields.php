<?php
/*
 * Plugin Name: igny8 SEO fields
 * Description: Lets authenticated REST API clients (such as igny8) write the SEO title, meta description and focus keyword that Yoast SEO, Rank Math, SEOPress and All in One SEO keep in post meta, and a post's schema.org JSON-LD, which it prints in the page head. It only registers those post meta keys for the REST API (writing one needs the right to edit that post) and prints the JSON-LD. Nothing else.
 * Version: 1.1.0
 * Requires at least: 5.3
 * License: MIT
 *
 * Install: copy this file into wp-content/mu-plugins/ (create the folder if needed). Must-use plugins
 * load by themselves; remove the file to undo. Written by `igny8 wp plugin --out DIR`.
 *
 * Why the JSON-LD lives in post meta: WordPress keeps a <script> in post content only for users with
 * the unfiltered_html capability (administrators and editors of a single site, super admins on a
 * multisite, nobody where DISALLOW_UNFILTERED_HTML is set). For everyone else it strips the tag and
 * leaves the JSON as visible text. Meta is not filtered that way; this plugin prints it safely.
 */

if (!defined('ABSPATH')) {
    exit;
}

/** The post meta key igny8 writes the post's JSON-LD (a JSON object or array, as a string) into. */
const IGNY8_JSONLD_META = '_igny8_jsonld';

/** The decoded JSON-LD, or null for anything that is not a JSON object or array. */
function igny8_jsonld_decode($value) {
    if (!is_string($value) || $value === '') {
        return null;
    }
    $data = json_decode($value, true);
    return is_array($data) && json_last_error() === JSON_ERROR_NONE ? $data : null;
}

add_action('init', function () {
    $keys = [
        // Yoast SEO
        '_yoast_wpseo_title', '_yoast_wpseo_metadesc', '_yoast_wpseo_focuskw',
        // Rank Math
        'rank_math_title', 'rank_math_description', 'rank_math_focus_keyword',
        // SEOPress
        '_seopress_titles_title', '_seopress_titles_desc', '_seopress_analysis_target_kw',
        // All in One SEO 4 (its post-meta copies of title, description and keywords)
        '_aioseo_title', '_aioseo_description', '_aioseo_keywords',
    ];
    // Keys starting with "_" are protected: without this callback nobody may write them.
    $may_edit = function ($allowed, $meta_key, $post_id) {
        return current_user_can('edit_post', $post_id);
    };
    foreach ($keys as $key) {
        register_post_meta('post', $key, [
            'type' => 'string',
            'single' => true,
            'show_in_rest' => true,
            'sanitize_callback' => 'sanitize_text_field',
            'auth_callback' => $may_edit,
        ]);
    }
    register_post_meta('post', IGNY8_JSONLD_META, [
        'type' => 'string',
        'single' => true,
        'show_in_rest' => true,
        // Stored re-encoded, so what is kept is always JSON; anything else is stored as ''.
        'sanitize_callback' => function ($value) {
            $data = igny8_jsonld_decode($value);
            return $data === null ? '' : wp_json_encode($data, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        },
        'auth_callback' => $may_edit,
    ]);
});

// Refuse non-JSON over REST with a 400 before anything is saved, rather than storing '' silently.
add_filter('rest_request_before_callbacks', function ($response, $handler, $request) {
    $meta = $request->get_param('meta');
    if (is_wp_error($response) || !is_array($meta) || !array_key_exists(IGNY8_JSONLD_META, $meta)) {
        return $response;
    }
    $value = $meta[IGNY8_JSONLD_META];
    if ($value === '' || $value === null || igny8_jsonld_decode($value) !== null) {
        return $response;
    }
    return new WP_Error(
        'igny8_jsonld_invalid',
        'meta._igny8_jsonld must be a JSON object or array (schema.org JSON-LD) encoded as a string.',
        ['status' => 400]
    );
}, 10, 3);

// Print the JSON-LD on the post's own page. JSON_HEX_TAG turns < and > into \u003C and \u003E, so no
// value can close the script tag; a password-protected post keeps its text (FAQ answers) to itself.
add_action('wp_head', function () {
    if (!is_singular('post') || post_password_required()) {
        return;
    }
    $data = igny8_jsonld_decode(get_post_meta(get_queried_object_id(), IGNY8_JSONLD_META, true));
    if ($data === null) {
        return;
    }
    $json = wp_json_encode($data, JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
    if ($json) {
        echo '<script type="application/ld+json">' . $json . "</script>\n";
    }
});
