// Site JavaScript entry point (ES module).
//
// Loaded with <script type="module" src="{% static 'js/app.mjs' %}">.
// scripts/build-frontend.mjs copies this file and GOV.UK Frontend's
// govuk-frontend.min.js side by side into static_build/js/, so the relative
// import below resolves to /static/js/govuk-frontend.min.js.
//
// GOV.UK Frontend only initialises its components when <body> has the
// `govuk-frontend-supported` class (added by the page's nonced inline script).
import { initAll } from './govuk-frontend.min.js'

initAll()

// "Hide this message" on an information alert (templates/components/alerts.html): remembered
// in this browser only (localStorage, never a cookie), by the alert's id and its last change,
// so a changed alert shows again. The inline script in base.html's <head> reads the same list
// and hides those alerts before the page is first drawn.
const HIDDEN_ALERTS = 'hidden-alerts'
const MOST_REMEMBERED = 20

function hiddenAlerts () {
  try {
    const keys = JSON.parse(window.localStorage.getItem(HIDDEN_ALERTS) || '[]')
    return Array.isArray(keys) ? keys : []
  } catch {
    return []
  }
}

for (const button of document.querySelectorAll('[data-hide-alert]')) {
  button.addEventListener('click', () => {
    const key = button.dataset.hideAlert
    const keys = [key, ...hiddenAlerts().filter((other) => other !== key)]
    try {
      window.localStorage.setItem(HIDDEN_ALERTS, JSON.stringify(keys.slice(0, MOST_REMEMBERED)))
    } catch {
      // Storage is off or full: the alert is hidden on this page only.
    }
    document.documentElement.classList.add(`app-hidden-alert-${key}`)
    // The button has gone: move focus on to the page rather than lose it.
    const main = document.getElementById('main-content')
    if (main) {
      main.setAttribute('tabindex', '-1')
      main.focus({ preventScroll: true })
    }
  })
}
