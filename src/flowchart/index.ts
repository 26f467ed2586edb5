/**
 * 权力运行流程图 for a build: Mermaid sources in, SVG/PNG out, through the cache. Chromium is started only when
 * something is missing from the cache, so a rebuild with nothing changed does not start a browser at all.
 */

export { powerToMermaid, type FlowchartOptions } from './generate.js';
export { validateMermaidSource, type MermaidSyntaxError } from './validate.js';
export { FlowchartRenderer, isFailure, svgIdFor, type FlowchartFailure, type FlowchartResult, type RenderedFlowchart, type RendererOptions } from './renderer.js';
export { ChromiumMissingError, chromiumPath } from '../browser/chromium.js';
export { FlowchartCache, flowchartCacheDir, flowchartCacheKey } from './cache.js';
export { DEFAULT_FONT_FAMILY, DEFAULT_THEME, mermaidVersion, RENDERER_VERSION, type FlowchartFormat, type MermaidTheme, type PngOptions } from './config.js';
export { pngScale, pngSize } from './png.js';
export { renderPagedFlowcharts, FIRST_FIT, nextFit, type PageFit, type PagedItem, type PagedOutcome, type PagedResult } from './paged.js';
export { powerToMermaidPages, estimatedHeight } from './generate.js';
export { FLOWCHART_MIN_FONT_PT, FLOWCHART_PAGE, legible, printedFontPt } from './config.js';
export { renderFlowcharts, type FlowchartItem, type RenderFlowchartsOptions } from './batch.js';
