<?php
/*
 * Plugin Name: igny8 test: simulated SEO plugin meta
 * Description: FOR igny8's TESTS ONLY. Debian's WordPress ships no SEO plugin, so this must-use plugin
 * registers the post meta keys that Yoast SEO, Rank Math or SEOPress use, with show_in_rest, so they
 * appear in the REST post schema and can be written over the REST API — which is what a site looks like
 * when it exposes those plugins' fields to REST. It does not simulate anything else of those plugins.
 * Which one is chosen per site by the option `igny8_simulate_seo` (yoast | rankmath | seopress | none),
 * set by scripts/services/wordpress/install.php.
 * It also denies unfiltered_html to the users listed in the option `igny8_simulate_no_unfiltered_html`
 * (install.php's "editor"), through map_meta_cap as a multisite or DISALLOW_UNFILTERED_HTML does: their
 * role still lists the capability in users/me, but WordPress strips <script> from their posts.
 */
add_filter('map_meta_cap', function ($caps, $cap, $user_id) {
    if ($cap === 'unfiltered_html' && in_array((int) $user_id, (array) get_option('igny8_simulate_no_unfiltered_html', []), true)) {
        return ['do_not_allow'];
    }
    return $caps;
}, 10, 3);

add_action('init', function () {
    $keys = [
        'yoast' => ['_yoast_wpseo_title', '_yoast_wpseo_metadesc', '_yoast_wpseo_focuskw'],
        'rankmath' => ['rank_math_title', 'rank_math_description', 'rank_math_focus_keyword'],
        'seopress' => ['_seopress_titles_title', '_seopress_titles_desc', '_seopress_analysis_target_kw'],
    ];
    $chosen = get_option('igny8_simulate_seo', 'none');
    foreach ($keys[$chosen] ?? [] as $key) {
        register_post_meta('post', $key, [
            'type' => 'string',
            'single' => true,
            'show_in_rest' => true,
            'auth_callback' => function () {
                return current_user_can('edit_posts');
            },
        ]);
    }
});
