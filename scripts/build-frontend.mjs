#!/usr/bin/env node
// Front-end build: `npm run build`.
//
//   static/scss/main.scss                         -> static_build/css/main.css
//   node_modules/govuk-frontend/dist/govuk/
//     govuk-frontend.min.js (+ .map)              -> static_build/js/
//   static/js/app.mjs                             -> static_build/js/app.mjs
//
// static_build/ is listed in Django's STATICFILES_DIRS, so
// static_build/css/main.css is served as /static/css/main.css.
//
// The build fails (non-zero exit, one clear message) if Sass fails, if the CSS
// contains any @font-face / web font, or if any url(...) in the CSS points at
// a file that is not in static_build/.

import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const NODE_MODULES = join(ROOT, 'node_modules')
const GOVUK_DIST = join(NODE_MODULES, 'govuk-frontend', 'dist', 'govuk')
const OUT = join(ROOT, 'static_build')
const STATIC_URL = '/static/'

const SCSS_ENTRY = join(ROOT, 'static', 'scss', 'main.scss')
const CSS_OUT = join(OUT, 'css', 'main.css')

const COPIES = [
  [join(GOVUK_DIST, 'govuk-frontend.min.js'), join(OUT, 'js', 'govuk-frontend.min.js')],
  // The .min.js ends with `//# sourceMappingURL=govuk-frontend.min.js.map`;
  // ship the map too so browsers and Django's ManifestStaticFilesStorage
  // (which checks sourceMappingURL targets) find it.
  [join(GOVUK_DIST, 'govuk-frontend.min.js.map'), join(OUT, 'js', 'govuk-frontend.min.js.map')],
  [join(ROOT, 'static', 'js', 'app.mjs'), join(OUT, 'js', 'app.mjs')],
  [join(ROOT, 'static', 'images', 'favicon.svg'), join(OUT, 'images', 'favicon.svg')]
]

// GOV.UK Frontend images we deliberately do not ship. main.scss routes
// GOV.UK's image URLs through `app-image-url()` (defined below); for these it
// outputs `none` instead of a url(). Any other image is a build error, so a
// GOV.UK Frontend upgrade cannot silently add a reference to a missing file.
const IMAGES_NOT_SHIPPED = new Set([
  'govuk-crest.svg' // Royal Arms, .govuk-footer__copyright-logo (not used)
])

class BuildError extends Error {}

const rel = (p) => relative(ROOT, p)

function kb (bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`
}

async function compileCss (sass) {
  const result = sass.compile(SCSS_ENTRY, {
    loadPaths: [NODE_MODULES],
    style: 'compressed',
    sourceMap: false,
    // Don't print deprecation warnings that come from node_modules.
    quietDeps: true,
    functions: {
      'app-image-url($filename)': (args) => {
        const filename = args[0].assertString('filename').text
        if (IMAGES_NOT_SHIPPED.has(filename)) {
          return new sass.SassString('none', { quotes: false })
        }
        throw new Error(
          `GOV.UK Frontend wants the image "${filename}", which this site does ` +
          'not ship. Either avoid the component that needs it or copy the ' +
          'image in scripts/build-frontend.mjs and return its URL here.'
        )
      }
    }
  })
  return result.css
}

async function checkCss (css) {
  if (/@font-face/i.test(css) || /\.woff2?\b/i.test(css)) {
    throw new BuildError('compiled CSS contains @font-face / .woff references; this site uses system fonts only')
  }

  const urls = [...css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/g)].map((m) => m[2])
  const missing = []
  for (const url of urls) {
    if (url.startsWith('data:') || url.startsWith('#')) continue
    if (!url.startsWith(STATIC_URL)) {
      missing.push(`${url} (not under ${STATIC_URL})`)
      continue
    }
    const file = join(OUT, url.slice(STATIC_URL.length).split(/[?#]/)[0])
    try {
      await stat(file)
    } catch {
      missing.push(`${url} (no ${rel(file)})`)
    }
  }
  if (missing.length) {
    throw new BuildError(`compiled CSS references files that are not in static_build/:\n  ${missing.join('\n  ')}`)
  }
}

async function main () {
  let sass
  try {
    sass = await import('sass')
  } catch {
    throw new BuildError('cannot load the "sass" package; run `npm ci` (or `npm install`) first')
  }
  try {
    await stat(GOVUK_DIST)
  } catch {
    throw new BuildError(`${rel(GOVUK_DIST)} not found; run \`npm ci\` (or \`npm install\`) first`)
  }

  await mkdir(join(OUT, 'css'), { recursive: true })
  await mkdir(join(OUT, 'js'), { recursive: true })
  await mkdir(join(OUT, 'images'), { recursive: true })

  for (const [from, to] of COPIES) {
    try {
      await copyFile(from, to)
    } catch (err) {
      throw new BuildError(`cannot copy ${rel(from)} to ${rel(to)}: ${err.message}`)
    }
  }

  let css
  try {
    css = await compileCss(sass)
  } catch (err) {
    // Sass exceptions carry a formatted message with file/line context.
    throw new BuildError(`Sass compilation of ${rel(SCSS_ENTRY)} failed:\n${err.message ?? err}`)
  }
  await checkCss(css)
  await writeFile(CSS_OUT, css)

  const sizes = []
  for (const file of [CSS_OUT, join(OUT, 'js', 'govuk-frontend.min.js'), join(OUT, 'js', 'app.mjs')]) {
    const data = await readFile(file)
    sizes.push(`${rel(file)} ${kb(data.length)} (${kb(gzipSync(data, { level: 9 }).length)} gzip)`)
  }
  console.log(`build-frontend: ${sizes.join(', ')}`)
}

main().catch((err) => {
  const message = err instanceof BuildError ? err.message : (err?.stack ?? String(err))
  console.error(`build-frontend: ERROR: ${message}`)
  process.exit(1)
})
