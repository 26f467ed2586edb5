/** bench/generate.js: a synthetic rule repository of a given size (see there). */
export function generateRepository(dir: string, options?: { powers?: number; laws?: number; rules?: number; varied?: boolean }): string;
