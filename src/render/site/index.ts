/**
 * The public HTML site (向社会公布, 网上公开): `powerbook build --format html` writes `<out>/site/`, a static site from the
 * document model — home page with the 编制说明 and a filterable index, a page per power and per rule, the catalogue and
 * the law index. Relative links only (works from a folder or any web server), a strict Content-Security-Policy on every
 * page, risk points (廉政风险点) only when the department allows them (meta.showRisksInPublic).
 */
export { renderSite, relLink, CSP, type RenderedSite, type SiteFile } from './render.js';
export { writeSite, writeSiteFiles, SITE_DIR, type WrittenSite } from './write.js';
export { splitModel, type Page, type Group, type SiteStructure } from './split.js';
export { safeFileStem, FileNames } from './names.js';
