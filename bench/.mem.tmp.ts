import { buildDataset } from '../pipeline/build-dataset.js';
const dir = process.argv[2]!; const conc = Number(process.argv[3]);
let peak = 0;
const timer = setInterval(() => { const m = process.memoryUsage(); peak = Math.max(peak, m.rss); console.error(`rss ${(m.rss / 2 ** 20).toFixed(0)} heapUsed ${(m.heapUsed / 2 ** 20).toFixed(0)} heapTotal ${(m.heapTotal / 2 ** 20).toFixed(0)} ext ${(m.external / 2 ** 20).toFixed(0)} ab ${(m.arrayBuffers / 2 ** 20).toFixed(0)}`); }, 500);
const s = await buildDataset({ inDir: dir, outDir: '/tmp/memout', concurrency: conc });
clearInterval(timer);
console.error('seconds', s.stats.seconds, 'maxRSS', process.resourceUsage().maxRSS / 1024);
