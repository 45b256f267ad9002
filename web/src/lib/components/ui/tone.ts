/** The colour families of badges and highlights: good, needs a look, broken, idle, neutral. */
export type BadgeTone = 'ok' | 'warn' | 'bad' | 'off' | 'info';
