// `npm run bench`: every benchmark, each printing its figure as a ratio against its peer.
import { run as validate } from './validate.js';

await validate();
