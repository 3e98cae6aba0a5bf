/**
 * Sample text the sandbox writes for non-English sites (German, Spanish, Japanese), so language
 * settings can be tried and tested offline: headings, prose, meta and alt text in the language.
 * `{kw}` is the keyword as given, `{KW}` with a capital first letter.
 */
export interface SandboxLocale {
  /** How sentences are joined in a paragraph ('' for Japanese, which has no spaces). */
  join: string;
  title: string;
  brief: string;
  metaTitle: string;
  metaDescription: string;
  intro: string[];
  /** Outline headings: the last two are the FAQ and the conclusion. */
  headings: string[];
  sentences: string[];
  listItems: string[];
  table: [string, string][];
  faq: [string, string][];
  closing: string;
  altFeatured: string;
  altInline: string;
}

const de: SandboxLocale = {
  join: ' ',
  title: '{KW}: Der komplette Leitfaden für Einsteiger',
  brief: '(igny8 Sandbox-Beispiel) Ein Leitfaden für Leser, die nach „{kw}“ suchen.',
  metaTitle: '{KW}: Der komplette Leitfaden',
  metaDescription:
    '{KW}: So gelingt es Schritt für Schritt, mit Tipps, typischen Fehlern und Antworten auf die häufigsten Fragen.',
  intro: [
    '{KW} ist einfacher, als viele denken.',
    'In diesem Artikel erfahren Sie, worauf es dabei wirklich ankommt und wie Sie am besten beginnen.',
  ],
  headings: [
    'Was ist {kw}?',
    'Warum {kw} wichtig ist',
    'Was Sie für {kw} brauchen',
    'Schritt für Schritt: {kw}',
    'Häufige Fehler bei {kw}',
    'Tipps von Profis für {kw}',
    'Kosten und Aufwand im Überblick',
    'Die besten Alternativen',
    'Häufig gestellte Fragen zu {kw}',
    'Fazit: {kw} gelingt mit etwas Übung',
  ],
  sentences: [
    'Bei {kw} kommt es vor allem auf die richtige Vorbereitung an.',
    'Viele Leser fragen sich, wie sie mit {kw} am besten beginnen.',
    'Nehmen Sie sich dafür genug Zeit und arbeiten Sie in Ruhe.',
    'Ein einfacher Plan hilft Ihnen, die wichtigsten Schritte nicht zu vergessen.',
    'Die meisten Fehler entstehen, wenn man zu schnell vorgeht.',
    'Achten Sie auf gute Qualität und vergleichen Sie die Angebote.',
    'Mit etwas Übung wird das Ergebnis von Mal zu Mal besser.',
    'Notieren Sie sich, was funktioniert hat und was nicht.',
    'Das ist für Anfänger und für Fortgeschrittene gleichermaßen nützlich.',
    'Wenn etwas nicht gleich klappt, ist das kein Grund zur Sorge.',
  ],
  listItems: ['Eine gute Vorbereitung', 'Das richtige Werkzeug', 'Geduld und etwas Übung'],
  table: [
    ['Zeitaufwand', 'etwa eine Stunde für den Anfang'],
    ['Schwierigkeit', 'leicht bis mittel'],
    ['Wichtigster Tipp', 'langsam und sorgfältig arbeiten'],
  ],
  faq: [
    ['Wie lange dauert {kw}?', 'Für den Anfang sollten Sie etwa eine Stunde einplanen.'],
    ['Ist {kw} für Anfänger geeignet?', 'Ja, mit einer guten Anleitung gelingt es auch ohne Vorwissen.'],
  ],
  closing: 'Jetzt wissen Sie, wie {kw} gelingt. Viel Erfolg beim Ausprobieren!',
  altFeatured: '{KW} bei natürlichem Tageslicht',
  altInline: '{heading}: eine Detailaufnahme',
};

const es: SandboxLocale = {
  join: ' ',
  title: '{KW}: la guía completa para principiantes',
  brief: '(ejemplo de igny8 sandbox) Una guía para lectores que buscan «{kw}».',
  metaTitle: '{KW}: la guía completa',
  metaDescription:
    '{KW}: cómo hacerlo paso a paso, con consejos, errores comunes y respuestas a las preguntas más frecuentes.',
  intro: [
    '{KW} es más fácil de lo que parece.',
    'En este artículo descubrirás lo que de verdad importa y cómo empezar con buen pie.',
  ],
  headings: [
    '¿Qué es {kw}?',
    'Por qué {kw} es importante',
    'Lo que necesitas para {kw}',
    'Paso a paso: {kw}',
    'Errores comunes con {kw}',
    'Consejos de expertos sobre {kw}',
    'Costes y esfuerzo de un vistazo',
    'Las mejores alternativas',
    'Preguntas frecuentes sobre {kw}',
    'Conclusión: {kw} con un poco de práctica',
  ],
  sentences: [
    'Con {kw}, lo más importante es una buena preparación.',
    'Muchos lectores se preguntan cuál es la mejor manera de empezar con {kw}.',
    'Tómate el tiempo que necesites y trabaja con calma.',
    'Un plan sencillo te ayuda a no olvidar los pasos más importantes.',
    'La mayoría de los errores aparecen cuando se va demasiado rápido.',
    'Fíjate en la calidad y compara las opciones antes de decidir.',
    'Con un poco de práctica, el resultado mejora cada vez más.',
    'Anota lo que ha funcionado y lo que no.',
    'Esto es útil tanto para principiantes como para los más expertos.',
    'Si algo no sale a la primera, no hay motivo para preocuparse.',
  ],
  listItems: ['Una buena preparación', 'Las herramientas adecuadas', 'Paciencia y algo de práctica'],
  table: [
    ['Tiempo', 'alrededor de una hora para empezar'],
    ['Dificultad', 'fácil o media'],
    ['El mejor consejo', 'trabajar despacio y con cuidado'],
  ],
  faq: [
    ['¿Cuánto tiempo lleva {kw}?', 'Para empezar, calcula alrededor de una hora.'],
    ['¿Es {kw} adecuado para principiantes?', 'Sí, con una buena guía se consigue sin experiencia previa.'],
  ],
  closing: 'Ahora ya sabes cómo conseguirlo con {kw}. ¡Mucha suerte!',
  altFeatured: '{KW} con luz natural',
  altInline: '{heading}: una foto de detalle',
};

const ja: SandboxLocale = {
  join: '',
  title: '{kw}の完全ガイド：初心者にもわかる基本とコツ',
  brief: '（igny8 サンドボックスのサンプル）「{kw}」を調べている読者のためのガイドです。',
  metaTitle: '{kw}の完全ガイド｜初心者にもわかる基本とコツ',
  metaDescription:
    '{kw}の基本から手順、よくある失敗、プロのコツまで、初心者にもわかりやすく丁寧に解説します。今日から使える実践的なポイントを紹介します。',
  intro: [
    '{kw}は、思っているよりも簡単です。',
    'この記事では、本当に大切なポイントと始め方をわかりやすく紹介します。',
  ],
  headings: [
    '{kw}とは？',
    '{kw}が大切な理由',
    '{kw}に必要なもの',
    '{kw}の手順',
    '{kw}でよくある失敗',
    '{kw}のコツ',
    '費用と手間の目安',
    'ほかの方法との比較',
    '{kw}についてよくある質問',
    'まとめ：{kw}は練習で上達する',
  ],
  sentences: [
    '{kw}で大切なのは、まず準備をしっかり行うことです。',
    '多くの人が、{kw}をどこから始めればよいのか迷っています。',
    '時間に余裕を持って、落ち着いて取り組みましょう。',
    '簡単な計画を立てておくと、大事な手順を忘れずに済みます。',
    '失敗の多くは、急いで進めたときに起こります。',
    '品質の良い道具を選び、いくつかの候補を比べてみてください。',
    '少し練習すれば、結果は回を重ねるごとに良くなります。',
    'うまくいったことと、そうでなかったことを記録しておきましょう。',
    'これは初心者にも経験者にも役立つ方法です。',
    'うまくいかなくても、心配する必要はありません。',
  ],
  listItems: ['しっかりとした準備', '適切な道具', '忍耐と少しの練習'],
  table: [
    ['所要時間', '最初は約一時間'],
    ['難易度', 'やさしい〜ふつう'],
    ['一番のコツ', 'ゆっくり丁寧に進めること'],
  ],
  faq: [
    ['{kw}にはどのくらい時間がかかりますか？', '最初は約一時間を見ておくと安心です。'],
    ['{kw}は初心者でもできますか？', 'はい、良い手順があれば経験がなくてもできます。'],
  ],
  closing: 'これで{kw}のポイントがわかりました。ぜひ試してみてください。',
  altFeatured: '自然光の中の{kw}',
  altInline: '{heading}の様子（詳細写真）',
};

const LOCALES: Record<string, SandboxLocale> = { de, es, ja };

/** The sample text for a language tag ("de-AT" → German), or undefined for English and the rest. */
export function sandboxLocale(tag: string | null | undefined): SandboxLocale | undefined {
  return tag ? LOCALES[tag.toLowerCase().split('-')[0]!] : undefined;
}

/** Fill {kw}, {KW} and {heading} in a template. */
export function fillLocale(template: string, kw: string, heading = ''): string {
  const KW = kw.charAt(0).toUpperCase() + kw.slice(1);
  return template
    .replace(/\{kw\}/g, kw)
    .replace(/\{KW\}/g, KW)
    .replace(/\{heading\}/g, heading);
}
