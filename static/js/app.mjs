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
