// Regenerates docs/screenshots/: the main page types at desktop (1280×800)
// and phone (390×844) sizes, in light mode, from the shipped content.
// Run with `make screenshots` (not part of `make test`: the pictures are
// for people, the suites check the same pages).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSite, launch } from './harness.mjs';

const OUT = join(process.env.COMMONPLACE_REPO, 'docs', 'screenshots');
const PAGES = {
  home: '',
  'case-study': 'casestudies/barton-hill-micro-campus/',
  'browse-term': 'browse/enablers/trust/',
  principle: 'principles/qmul-adapt/',
  search: 'search/?q=museum',
  statistics: 'statistics/',
  'evidence-map': 'statistics/evidence-map/',
  worksheet: 'worksheets/who-needs-to-be-in-the-room/',
};
const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

const site = await startSite();
const browser = await launch();
try {
  mkdirSync(OUT, { recursive: true });
  for (const [size, options] of Object.entries(SIZES)) {
    const context = await browser.newContext({ ...options, colorScheme: 'light', reducedMotion: 'reduce' });
    const page = await context.newPage();
    for (const [name, path] of Object.entries(PAGES)) {
      await page.goto(site.base + path, { waitUntil: 'networkidle' });
      if (name === 'search') {
        await page.locator('#search-results li').first().waitFor({ timeout: 10000 });
      }
      const file = join(OUT, `${name}-${size}.png`);
      await page.screenshot({ path: file, fullPage: false });
      console.log(`wrote ${file}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  site.close();
}
