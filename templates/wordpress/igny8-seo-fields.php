<?php
/*
 * Plugin Name: igny8 SEO fields
 * Description: Lets authenticated REST API clients (such as igny8) write the SEO title, meta description and focus keyword that Yoast SEO, Rank Math, SEOPress and All in One SEO keep in post meta. It only registers those post meta keys for the REST API; writing one needs the right to edit that post. Nothing else.
 * Version: 1.0.0
 * Requires at least: 5.3
 * License: MIT
 *
 * Install: copy this file into wp-content/mu-plugins/ (create the folder if needed). Must-use plugins
 * load by themselves; remove the file to undo. Written by `igny8 wp plugin --out DIR`.
 */

if (!defined('ABSPATH')) {
    exit;
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
    foreach ($keys as $key) {
        register_post_meta('post', $key, [
            'type' => 'string',
            'single' => true,
            'show_in_rest' => true,
            'sanitize_callback' => 'sanitize_text_field',
            // Keys starting with "_" are protected: without this callback nobody may write them.
            'auth_callback' => function ($allowed, $meta_key, $post_id) {
                return current_user_can('edit_post', $post_id);
            },
        ]);
    }
});
