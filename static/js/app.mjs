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

// "Is this page useful?" (templates/components/feedback.html). Without this script each button
// is a plain POST with a page after it. With it, answers are sent in the background and the
// "What was wrong?" box and the thanks appear in place; the server's JSON replies carry the
// same messages as its pages.
function initFeedback (section) {
  const question = section.querySelector('[data-feedback-answer]')
  const comment = section.querySelector('[data-feedback-comment]')
  const status = section.querySelector('[data-feedback-status]')
  const noButton = section.querySelector('[data-feedback-no]')
  const cancel = section.querySelector('[data-feedback-cancel]')
  const textarea = comment && comment.querySelector('textarea')
  if (!question || !comment || !status || !noButton || !textarea || !window.fetch) return

  noButton.setAttribute('aria-controls', comment.id)
  noButton.setAttribute('aria-expanded', 'false')

  const say = (text) => {
    status.textContent = text
    status.focus()
  }

  const thank = (text) => {
    question.hidden = true
    comment.hidden = true
    say(text || 'Thank you for your feedback.')
  }

  const send = async (form, submitter) => {
    const body = new FormData(form)
    if (submitter && submitter.name) body.append(submitter.name, submitter.value)
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
        credentials: 'omit'
      })
      const data = await response.json()
      return { ok: response.ok, data }
    } catch {
      return { ok: false, data: { error: 'Sorry, we could not send your answer. Try again later.' } }
    }
  }

  const showFieldError = (message) => {
    const group = textarea.closest('.govuk-form-group')
    const errorId = `${textarea.id}-error`
    let error = document.getElementById(errorId)
    if (!error) {
      error = document.createElement('p')
      error.id = errorId
      error.className = 'govuk-error-message'
      textarea.before(error)
      textarea.setAttribute('aria-describedby', `${textarea.getAttribute('aria-describedby')} ${errorId}`)
    }
    error.innerHTML = '<span class="govuk-visually-hidden">Error:</span> '
    error.append(message)
    group.classList.add('govuk-form-group--error')
    textarea.classList.add('govuk-textarea--error')
    textarea.focus()
  }

  question.addEventListener('submit', async (event) => {
    event.preventDefault()
    const submitter = event.submitter
    const { ok, data } = await send(question, submitter)
    if (!ok) {
      say(data.error || 'Sorry, we could not send your answer. Try again later.')
      return
    }
    if (!data.answer) {
      thank(data.message)
      return
    }
    comment.elements.answer.value = data.answer
    status.textContent = ''
    question.hidden = true
    comment.hidden = false
    noButton.setAttribute('aria-expanded', 'true')
    textarea.focus()
  })

  comment.addEventListener('submit', async (event) => {
    event.preventDefault()
    const { ok, data } = await send(comment)
    if (ok) {
      thank(data.message)
    } else if (data.errors && data.errors.comment) {
      showFieldError(data.errors.comment)
    } else {
      say(data.error || 'Sorry, we could not send your comment. Try again later.')
    }
  })

  if (cancel) {
    // The "No" is already recorded: cancelling only skips the comment.
    cancel.addEventListener('click', () => thank())
  }
}

document.querySelectorAll('[data-module="app-feedback"]').forEach(initFeedback)

// "Before you call" checklist (templates/pages/referral_checklist_page.html). Everything stays
// in the page: nothing is sent, stored or kept after the page is closed. "Print your checklist"
// builds a one-page summary (who to call and 999 first, then the ticked items and the notes)
// that the print styles show instead of the page (static/scss/_checklist.scss), and removes it
// once printing is over. Without this script the browser's own print shows the whole list.
const PRINTING_SUMMARY = 'app-checklist-printing'

function element (tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

function checklistSummary (checklist) {
  const summary = element('div', 'app-checklist-summary')
  summary.append(element('h1', 'govuk-heading-l', checklist.dataset.summaryTitle))

  // The site's 999 notice, then who to call: copies of what the page shows, so they say the same.
  for (const part of [document.querySelector('.app-safety-bar .app-emergency'), checklist.querySelector('[data-checklist-contacts]')]) {
    if (!part) continue
    const copy = part.cloneNode(true)
    copy.querySelectorAll('[id]').forEach((node) => node.removeAttribute('id'))
    summary.append(copy)
  }

  let written = 0
  for (const section of checklist.querySelectorAll('[data-checklist-section]')) {
    const list = element('ul', 'govuk-list app-checklist-summary__list')
    for (const box of section.querySelectorAll('input[type="checkbox"]')) {
      const notes = document.getElementById(`${box.id}-notes`)
      const typed = notes ? notes.value.trim() : ''
      if (!box.checked && !typed) continue
      const label = section.querySelector(`label[for="${box.id}"]`)
      const item = element('li', 'app-checklist-summary__item')
      item.append(
        element('span', 'app-checklist-summary__tick', box.checked ? '☑ ' : '☐ '),
        element('span', '', label ? label.textContent.trim() : '')
      )
      if (typed) item.append(element('p', 'govuk-body app-checklist-summary__notes', typed))
      list.append(item)
    }
    if (list.children.length) {
      const heading = section.querySelector('[data-checklist-heading]')
      summary.append(element('h2', 'govuk-heading-m', heading ? heading.textContent.trim() : ''), list)
      written += list.children.length
    }
  }
  if (!written) {
    summary.append(element('p', 'govuk-body', 'You have not ticked anything or written any notes.'))
  }
  return summary
}

function initChecklist (checklist) {
  const print = checklist.querySelector('[data-checklist-print]')
  const button = checklist.querySelector('[data-checklist-print-button]')
  const hint = checklist.querySelector('[data-checklist-print-hint]')
  if (!print || !button || typeof window.print !== 'function') return

  let summary = null
  const clear = () => {
    if (summary) summary.remove()
    summary = null
    document.documentElement.classList.remove(PRINTING_SUMMARY)
  }

  button.addEventListener('click', () => {
    clear()
    summary = checklistSummary(checklist)
    document.body.append(summary)
    document.documentElement.classList.add(PRINTING_SUMMARY)
    window.print()
  })
  window.addEventListener('afterprint', clear)

  print.hidden = false
  if (hint) hint.hidden = true
}

document.querySelectorAll('[data-module="app-checklist"]').forEach(initChecklist)
