// The mocked device screen: draws a ScreenModel the way Windows shows it, inside a
// monitor frame that scales with its box (container query units).
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { EspModel, EspRow, EspSection, RowStatus, ScreenModel } from './screen-model.ts';
import { DevicePreparationScreen } from './device-preparation-screen.ts';
import { pictured } from './pictured.ts';

function icon(status: RowStatus | 'installed' | 'installing' | 'skipped', frozen = false): VNode {
  // Stopped where it was when the ESP failed: not the empty circle of a step that never started.
  if (frozen && (status === 'working' || status === 'installing' || status === 'identifying')) return html`<span class="st st-stopped" aria-label="stopped" title="stopped when the ESP failed">■</span>`;
  switch (status) {
    case 'complete':
    case 'installed':
      return html`<span class="st st-ok" aria-label="complete">✓</span>`;
    case 'failed':
      return html`<span class="st st-fail" aria-label="failed">✕</span>`;
    case 'previousFailed':
      return html`<span class="st st-prev" aria-label="previous step failed">!</span>`;
    case 'working':
    case 'installing':
    case 'identifying':
      return html`<span class="st st-spin" aria-label="working"></span>`;
    default:
      return html`<span class="st st-wait" aria-label="waiting"></span>`;
  }
}

type Glyph = 'bin' | 'edge' | 'portal' | 'search' | 'folder' | 'store' | 'wifi' | 'person' | 'tools' | 'power';
/** Small drawn icons (no emoji: a projector's machine may lack the font). */
function glyph(name: Glyph): VNode {
  const body: Record<Glyph, VNode> = {
    bin: html`<g><rect x="6" y="7" width="12" height="14" rx="1.5" fill="#e8eef4" stroke="#7b8a99" /><rect x="4.5" y="4.5" width="15" height="2.5" rx="1" fill="#b9c6d3" /><path d="M9 10v8M12 10v8M15 10v8" stroke="#7b8a99" /></g>`,
    edge: html`<g><circle cx="12" cy="12" r="9" fill="#1b9de2" /><path d="M5 14c2-6 12-7 14-1-3-2-7-1-8 2 1 3 6 4 8 2-3 5-12 4-14-3z" fill="#52d17c" /></g>`,
    portal: html`<g><rect x="4" y="7" width="16" height="12" rx="2" fill="#0f6cbd" /><rect x="9" y="4" width="6" height="4" rx="1" fill="none" stroke="#0f6cbd" stroke-width="1.6" /><rect x="10.5" y="11" width="3" height="3" fill="#fff" /></g>`,
    search: html`<g fill="none" stroke="#333" stroke-width="2"><circle cx="10.5" cy="10.5" r="5.5" /><path d="M15 15l5 5" /></g>`,
    folder: html`<g><path d="M3 6h7l2 2h9v11H3z" fill="#f4c542" /><path d="M3 9h18v10H3z" fill="#ffd86b" /></g>`,
    store: html`<g><path d="M5 8h14l-1 12H6z" fill="#3a7bd5" /><path d="M9 8V6a3 3 0 0 1 6 0v2" fill="none" stroke="#3a7bd5" stroke-width="1.6" /></g>`,
    wifi: html`<g fill="none" stroke="#333" stroke-width="1.8" stroke-linecap="round"><path d="M3 10a13 13 0 0 1 18 0" /><path d="M6.5 13.5a8 8 0 0 1 11 0" /><path d="M10 17a3 3 0 0 1 4 0" /></g>`,
    person: html`<g fill="#6b7f93"><circle cx="12" cy="9" r="4.5" /><path d="M3.5 21a8.5 7 0 0 1 17 0z" /></g>`,
    tools: html`<g fill="#6b7f93"><circle cx="12" cy="12" r="4" /><path d="M11 2h2l.6 3 2 .8 2.5-1.8 1.4 1.4-1.8 2.5.8 2 3 .6v2l-3 .6-.8 2 1.8 2.5-1.4 1.4-2.5-1.8-2 .8-.6 3h-2l-.6-3-2-.8-2.5 1.8-1.4-1.4 1.8-2.5-.8-2-3-.6v-2l3-.6.8-2-1.8-2.5 1.4-1.4 2.5 1.8 2-.8z" opacity=".6" /></g>`,
    power: html`<g fill="none" stroke="#2a2a2a" stroke-width="2" stroke-linecap="round"><path d="M12 3v8" /><path d="M6.5 6.5a8 8 0 1 0 11 0" /></g>`,
  };
  return html`<svg class=${`glyph glyph-${name}`} viewBox="0 0 24 24" aria-hidden="true">${body[name]}</svg>`;
}

function row(r: EspRow, frozen: boolean): VNode {
  return html`<li class=${`esp-row esp-${r.status}`} data-testid="esp-row">
    ${icon(r.status, frozen)}
    <span class="esp-row-text"><span class="esp-row-label">${r.label}</span> <span class="esp-row-status">${r.text}</span></span>
    ${r.apps
      ? html`<ul class="esp-apps">
          ${r.apps.map(
            (a) =>
              html`<li class=${`esp-app esp-app-${a.status} ${frozen && a.status === 'installing' ? 'esp-app-stopped' : ''}`} data-testid="esp-app" data-status=${frozen && a.status === 'installing' ? 'stopped' : a.status}>
                ${icon(a.status === 'waiting' ? 'waiting' : a.status, frozen)}<span>${a.name}</span>
                ${frozen && a.status === 'installing' ? html`<span class="esp-app-msg">(still installing when the ESP stopped)</span>` : a.message ? html`<span class="esp-app-msg">${a.message}</span>` : null}
              </li>`,
          )}
        </ul>`
      : null}
  </li>`;
}

function section(s: EspSection, frozen: boolean): VNode {
  return html`<div class=${`esp-section esp-${s.status} ${s.expanded ? 'esp-expanded' : ''}`} data-testid=${`esp-${s.id}`}>
    <div class="esp-section-head">
      ${icon(s.status, frozen)}
      <span class="esp-section-title">${s.title}</span>
      <span class="esp-section-status">${s.text}</span>
      <span class="esp-details">${s.expanded ? 'Hide details' : s.rows.length ? 'Show details' : ''}</span>
    </div>
    ${s.expanded ? html`<ul class="esp-rows">${s.rows.map((r) => row(r, frozen))}</ul>` : null}
  </div>`;
}

/**
 * What the ESP page keeps in view when its list is longer than the screen, first found first: the
 * app or row that failed, the one stopped by the timeout, the one at work. A real ESP's list
 * scrolls with the install; here a failed app twelfth in the list stays on screen at 1280x720.
 */
const ESP_FOCUS = ['.esp-app-failed', '.esp-app-stopped', '.esp-app-installing', '.esp-row.esp-failed', '.esp-row.esp-working', '.esp-row.esp-identifying', '.esp-section.esp-failed', '.esp-section.esp-working'];

/**
 * Scroll the list so the focus is whole and, where the list allows, in its middle; stopping where
 * a line starts just under the section's head that stays at the top (sticky), not halfway through
 * one: half a line showed under "Device setup Failed", its words cut across. Where the list is too short to hold the
 * focus under its section's head (the browser zoomed to 150% at 1280x720: 59 px for a 33 px head and a 49 px row), the
 * head stops sticking and scrolls away, and the focus shows whole at the top: it stood half under the head, "Preparing
 * your device for mobile management" hidden behind "Device preparation Working on it…". At the end of a list the
 * list gets room at its foot to stop under the head (there "Network connections" stood half under "Account setup").
 */
function keepFocusInView(list: HTMLElement): void {
  const focus = ESP_FOCUS.map((q) => list.querySelector<HTMLElement>(q)).find((e) => e !== null);
  if (!focus) return;
  // Measured as the list lays out of itself (a scroll it had clamps here, before base is read).
  list.classList.remove('esp-unstuck');
  list.style.paddingBottom = '';
  const base = list.getBoundingClientRect().top - list.scrollTop;
  const top = focus.getBoundingClientRect().top - base;
  // A row holding the app list is as tall as the list: its head line is what must show.
  const height = Math.min(focus.getBoundingClientRect().height, (focus.querySelector('.esp-row-text, .esp-section-head') ?? focus).getBoundingClientRect().height);
  const max = list.scrollHeight - list.clientHeight;
  // The head that will be stuck above the focus, if the focus is not a head itself.
  const focusHead = focus.closest('.esp-expanded')?.querySelector<HTMLElement>(':scope > .esp-section-head');
  const covered = focusHead && focusHead !== focus.querySelector('.esp-section-head') ? focusHead.getBoundingClientRect().height : 0;
  const ideal = Math.max(0, Math.min(top + height / 2 - list.clientHeight / 2, max));
  // Where the list may stop: each line (a row, an app) just under its section's head, each section's head at the top.
  // A stop past the end of the list (the list scrolled to its end stops halfway through a line under the head) is
  // taken only where none before it keeps the focus whole, and the list gets the room at its foot to reach it.
  let best = ideal;
  let bestGap = Infinity;
  let past = Infinity;
  for (const line of list.querySelectorAll<HTMLElement>('.esp-section, .esp-row, .esp-app')) {
    const head = line.closest('.esp-expanded')?.querySelector<HTMLElement>(':scope > .esp-section-head');
    const under = line.classList.contains('esp-section') || !head ? 0 : head.getBoundingClientRect().height;
    const at = line.getBoundingClientRect().top - base - under;
    if (at < 0) continue;
    // The focus stays whole, under the head that will be stuck above it.
    if (top < at + covered - 0.5 || top + height > at + list.clientHeight + 0.5) continue;
    if (at > max + 0.5) past = Math.min(past, at);
    else if (Math.abs(at - ideal) < bestGap) {
      best = at;
      bestGap = Math.abs(at - ideal);
    }
  }
  if (bestGap === Infinity && covered > 0 && covered + height > list.clientHeight + 0.5) {
    list.classList.add('esp-unstuck');
    best = Math.min(top, max);
  } else if (bestGap === Infinity && past < Infinity) {
    list.style.paddingBottom = `${Math.ceil(past - max)}px`;
    best = past;
  }
  list.scrollTop = best;
  hidePartLine(list);
}

/** The lines of the ESP's list (a section's head, a row, an app), each of which shows whole or not at all. */
const ESP_LINES = '.esp-section-head, .esp-row > .esp-row-text, .esp-app';

/**
 * Hide the line the list's bottom edge cuts across: lessons 05 and 08's error pages showed "Account setup Waiting for
 * previous step to" with the rest of its words under the edge (24 of 42 px in presenter mode at 1280x720). The list is
 * clipped above that line, not made shorter, so nothing else moves; a line cut by 2 px or less (its leading) stays.
 */
function hidePartLine(list: HTMLElement): void {
  const bottom = list.getBoundingClientRect().bottom;
  let from = bottom;
  for (const line of list.querySelectorAll<HTMLElement>(ESP_LINES)) {
    const r = line.getBoundingClientRect();
    if (r.top < bottom - 0.5 && r.bottom > bottom + 2) from = Math.min(from, r.top);
  }
  list.style.clipPath = from < bottom ? `inset(0 0 ${bottom - from}px 0)` : '';
}

function EspPage({ m, org }: { m: EspModel; org: string }): VNode {
  const list = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (list.current) keepFocusInView(list.current);
  });
  // The screen changes size without a render (a window resized, presenter mode): scroll again.
  useLayoutEffect(() => {
    const el = list.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => keepFocusInView(el));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return html`<div class="oobe-card esp" data-testid="screen-esp">
    <div class="oobe-side"><div class="org-logo">${org.slice(0, 1)}</div></div>
    <div class="oobe-main">
      <h1>Setting up your device for work</h1>
      ${m.error
        ? html`<p class="esp-error" data-testid="esp-error-message">${m.error.message}</p>`
        : html`<p class="sub">This could take a while. Feel free to check back later.</p>`}
      <div class="esp-sections" data-testid="esp-sections" ref=${list} onScroll=${(e: Event) => hidePartLine(e.currentTarget as HTMLElement)}>${m.sections.map((x) => section(x, m.frozen))}</div>
      ${m.error ? pictured('oobe-buttons', m.error.buttons.map((b) => ({ label: b.label, cls: `win-btn ${b.id === 'retry' ? 'primary' : ''} ${b.next ? 'next-action' : ''}`, testid: `esp-btn-${b.id}` })), 'esp-buttons') : null}
      ${m.signOut ? pictured('oobe-buttons', [{ label: 'Sign out', cls: 'win-btn primary next-action', testid: 'esp-btn-signout' }]) : null}
    </div>
  </div>`;
}

/** The organisation an OOBE card names: none ('?', as standard OOBE) before a device preparation user signs in. */
const shownOrg = (m: ScreenModel): string => (m.branded ? m.org : '?');

function card(title: string, body: VNode | VNode[] | null, buttons: string[], org: string, extraClass = ''): VNode {
  return html`<div class=${`oobe-card ${extraClass}`}>
    <div class="oobe-side"><div class="org-logo">${org.slice(0, 1)}</div></div>
    <div class="oobe-main">
      <h1>${title}</h1>
      ${body}
      ${pictured('oobe-buttons', buttons.map((b, i) => ({ label: b, cls: `win-btn ${i === buttons.length - 1 ? 'primary' : ''}` })))}
    </div>
  </div>`;
}

function spinner(text: string, sub?: string): VNode {
  return html`<div class="center-msg">
    <div class="dots"><i></i><i></i><i></i><i></i><i></i></div>
    <div class="big">${text}</div>
    ${sub ? html`<div class="small">${sub}</div>` : null}
  </div>`;
}

/** An account as a screen shows it, free to fold before its @ and after a dot of its domain ('adele.vance', '@contoso.', 'onmicrosoft.com'). */
function account(upn: string | null): VNode | string {
  if (!upn) return '(none)';
  const at = upn.indexOf('@');
  if (at <= 0) return upn;
  const domain = upn.slice(at).split(/(?<=\.)/);
  return html`${upn.slice(0, at)}${domain.map((part) => html`<wbr />${part}`)}`;
}

function qr(seed: string): VNode {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const cells: VNode[] = [];
  for (let y = 0; y < 21; y++)
    for (let x = 0; x < 21; x++) {
      const finder = (x < 7 && y < 7) || (x > 13 && y < 7) || (x < 7 && y > 13);
      let on: boolean;
      if (finder) {
        const fx = x > 13 ? x - 14 : x;
        const fy = y > 13 ? y - 14 : y;
        on = fx === 0 || fx === 6 || fy === 0 || fy === 6 || (fx >= 2 && fx <= 4 && fy >= 2 && fy <= 4);
      } else {
        h = (h * 1103515245 + 12345) >>> 0;
        on = (h >>> 16) % 2 === 0;
      }
      if (on) cells.push(html`<rect x=${x} y=${y} width="1" height="1" />`);
    }
  return html`<svg class="qr" viewBox="-1 -1 23 23" aria-label="QR code with the device ID"><rect x="-1" y="-1" width="23" height="23" fill="#fff" />${cells}</svg>`;
}

function inner(m: ScreenModel): VNode {
  const w11 = m.windows === 11;
  switch (m.kind) {
    case 'off':
      return html`<div class="screen-off" data-testid="screen-off"><div class="power">${glyph('power')}</div></div>`;
    case 'restarting':
      return html`<div class="screen-dark" data-testid="screen-restarting">${spinner('Restarting')}</div>`;
    case 'devicePreparation':
    case 'devicePreparationComplete':
    case 'devicePreparationError':
    case 'cloudPcStatus':
      return m.devicePreparation ? html`<${DevicePreparationScreen} kind=${m.kind} model=${m.devicePreparation} org=${m.org} />` : html`<div class="screen-oobe-bg">${spinner('Just a moment…')}</div>`;
    case 'oobeStart':
    case 'oobeWorking':
      return html`<div class="screen-oobe-bg" data-testid=${`screen-${m.kind}`}>${spinner('Just a moment…')}</div>`;
    case 'oobeUpdates':
      return html`<div class="screen-oobe-bg" data-testid="screen-oobeUpdates">${spinner('Checking for updates', 'This might take a few minutes.')}</div>`;
    case 'qualityUpdates':
      return html`<div class="screen-oobe-bg" data-testid="screen-qualityUpdates">${spinner('Installing Windows updates', 'Your device might restart.')}</div>`;
    case 'oobeRegion':
      return html`<div class="screen-oobe-bg" data-testid="screen-oobeRegion">${card(
        'Is this the right country or region?',
        html`<ul class="pick-list"><li>Ireland</li><li>Israel</li><li>Italy</li><li class="sel">United Kingdom</li><li>United States</li></ul>`,
        ['Yes'],
        shownOrg(m),
      )}</div>`;
    case 'oobeNetwork':
      return html`<div class="screen-oobe-bg" data-testid="screen-oobeNetwork">${card(
        "Let's connect you to a network",
        html`<ul class="pick-list wifi"><li class="sel"><span class="wifi-name">${glyph('wifi')} CONTOSO-GUEST</span> <span>Secured</span></li><li><span class="wifi-name">${glyph('wifi')} Office-5G</span> <span>Secured</span></li><li><span class="wifi-name">${glyph('wifi')} Printer-Direct</span></li></ul>`,
        ["I don't have internet", 'Next'],
        shownOrg(m),
      )}</div>`;
    case 'oobePages': {
      const keyboard = (m.detail ?? '').includes('keyboard');
      return html`<div class="screen-oobe-bg" data-testid="screen-oobePages">${card(
        keyboard ? 'Is this the right keyboard layout or input method?' : 'Is this the right country or region?',
        html`<ul class="pick-list"><li class="sel">${keyboard ? 'US' : 'United States'}</li><li>${keyboard ? 'United Kingdom' : 'United Kingdom'}</li><li>${keyboard ? 'Canadian Multilingual Standard' : 'Canada'}</li></ul>
          ${m.detail ? html`<p class="fine">${m.branded ? 'Pages the profile does not hide' : 'No Autopilot profile hides a page'}: ${m.detail}</p>` : null}`,
        ['Yes'],
        shownOrg(m),
      )}</div>`;
    }
    case 'standardOobe':
      return html`<div class="screen-oobe-bg" data-testid="screen-standardOobe">${card(
        'How would you like to set up this device?',
        html`<ul class="pick-list"><li class="sel">Set up for personal use</li><li>Set up for work or school</li></ul>`,
        ['Next'],
        '?',
      )}</div>`;
    case 'entraSignIn':
      return html`<div class="screen-oobe-bg" data-testid="screen-entraSignIn">
        <div class="oobe-card signin">
          ${m.branded
            ? html`<div class="oobe-side branded"><div class="org-logo big">${m.org.slice(0, 1)}</div><div class="org-name">${m.org}</div></div>`
            : html`<div class="oobe-side"><div class="org-logo">?</div></div>`}
          <div class="oobe-main">
            ${m.branded
              ? html`<h1>Welcome to ${m.org}!</h1><p class="sub">Sign in with your work or school account.</p>`
              : html`<h1>Let's set things up for your work or school</h1><p class="sub">You'll use this info to sign in to your devices.</p>`}
            <div class="ms-signin">
              <div class="ms-brand"><span class="ms-logo"><i></i><i></i><i></i><i></i></span> Microsoft</div>
              <div class="ms-title">Sign in</div>
              <div class=${`ms-input ${m.error ? 'invalid' : ''}`}>${account(m.user)}</div>
              ${m.error ? html`<div class="ms-error" data-testid="signin-error">${m.error.message}</div>` : null}
              <div class="ms-link">Can't access your account?</div>
            </div>
            ${pictured('oobe-buttons', [{ label: 'Next', cls: 'win-btn primary' }])}
          </div>
        </div>
      </div>`;
    case 'somethingWentWrong': {
      const msg = m.error?.message ?? 'Something went wrong';
      const showsCode = m.error?.code && !msg.toLowerCase().includes(m.error.code.toLowerCase().replace(/^0x/, ''));
      return html`<div class="screen-oobe-bg" data-testid="screen-somethingWentWrong">${card(
        msg.startsWith('Something went wrong') ? 'Something went wrong.' : 'Something went wrong.',
        // The title says it; the rest of "Something went wrong / Can't connect to…" is the page's text.
        html`<div class="sww"><p>${msg.replace(/^Something went wrong[.…]?\s*(\/\s*)?/, '') || 'Looks like we hit a problem.'}</p>
          ${showsCode ? html`<p class="code" data-testid="error-code">Error: ${m.error!.code}</p>` : null}</div>`,
        ['Try again'],
        m.org,
      )}</div>`;
    }
    case 'esp':
      return html`<div class="screen-oobe-bg"><${EspPage} m=${m.esp!} org=${m.org} /></div>`;
    case 'winKey5':
      return html`<div class="screen-oobe-bg" data-testid="screen-winKey5">${card(
        'What would you like to do?',
        html`<ul class="pick-list"><li class="sel">◉ ${w11 ? 'Pre-provision with Windows Autopilot' : 'Windows Autopilot provisioning'}</li></ul>`,
        [w11 ? 'Next' : 'Continue'],
        m.org,
      )}</div>`;
    case 'preProvisionConfig':
      return html`<div class="screen-oobe-bg" data-testid="screen-preProvisionConfig">${card(
        'Windows Autopilot configuration',
        html`<div class="preprov"><dl>
            <dt>Organization</dt><dd>${m.org}</dd>
            <dt>Profile</dt><dd>${m.profile}</dd>
            <dt>Assigned user</dt><dd>${account(m.assignedUser)}</dd>
          </dl>${qr(m.tenant + m.user)}</div>`,
        ['Refresh', w11 ? 'Next' : 'Provision'],
        m.org,
      )}</div>`;
    case 'technicianGreen':
    case 'technicianRed': {
      const green = m.kind === 'technicianGreen';
      return html`<div class=${green ? 'screen-green' : 'screen-red'} data-testid=${`screen-${m.kind}`}>
        <div class="tech">
          <h1>${m.org}</h1>
          <dl>
            <dt>Profile</dt><dd>${m.profile}</dd>
            <dt>Assigned user</dt><dd>${account(m.assignedUser)}</dd>
            <dt>Elapsed time</dt><dd>${m.elapsed}</dd>
            ${!green && m.error ? html`<dt>Error</dt><dd data-testid="tech-error">${m.error.message}${m.error.code && !m.error.message.toLowerCase().includes(m.error.code.toLowerCase()) ? ` (${m.error.code})` : ''}</dd>` : null}
          </dl>
          ${green ? qr(m.tenant) : null}
          ${pictured(
            'tech-buttons',
            green
              ? [{ label: 'Reseal', cls: 'win-btn light next-action' }]
              : [
                  { label: 'View diagnostics', cls: 'win-btn light' },
                  { label: 'Reset', cls: `win-btn light ${m.nextAction === 'technician.reset' ? 'next-action' : ''}` },
                  { label: 'Retry', cls: `win-btn light ${m.nextAction === 'technician.retry' ? 'next-action' : ''}` },
                ],
          )}
        </div>
      </div>`;
    }
    case 'windowsLogon':
    case 'signInScreen':
      return html`<div class="screen-lock" data-testid=${`screen-${m.kind}`}>
        <div class="logon">
          <div class="avatar">${glyph('person')}</div>
          <div class="logon-name">Other user</div>
          <div class="logon-field">${m.kind === 'windowsLogon' ? `${m.org.toUpperCase()}\\adele` : account(m.user)}</div>
          <div class="logon-field pw">••••••••</div>
          ${m.error ? html`<div class="logon-error">${m.error.message}</div>` : null}
          <div class="logon-hint">${m.kind === 'windowsLogon' ? `Sign in to: ${m.org.toUpperCase()}` : 'Sign in with your work or school account'}</div>
        </div>
      </div>`;
    case 'lockScreen':
      return html`<div class="screen-lock" data-testid="screen-lockScreen"><div class="lock-time">9:41</div><div class="lock-date">Monday, 2 March</div></div>`;
    case 'resetSignIn':
      return html`<div class="screen-lock" data-testid="screen-resetSignIn">
        <div class="logon"><div class="avatar">${glyph('tools')}</div><div class="logon-name">Autopilot Reset</div>
          <div class="logon-field">.\\administrator</div><div class="logon-field pw">••••••••</div></div>
      </div>`;
    case 'resetting':
      return html`<div class="screen-dark blue" data-testid="screen-resetting">
        ${m.error ? html`<div class="center-msg"><div class="big">${m.error.message}</div></div>` : spinner('Resetting this PC')}
      </div>`;
    case 'taskSequence':
      return html`<div class="screen-pe" data-testid="screen-taskSequence">
        <div class="ts-dialog">
          <div class="ts-title">Installation Progress</div>
          <div class="ts-body">
            <div>Running: <b>Windows Autopilot for existing devices</b></div>
            <div class="ts-step">${m.detail}</div>
            <div class="ts-bar"><i style=${`width:${Math.min(100, (m.progress ?? 1) * 18)}%`}></i></div>
          </div>
        </div>
      </div>`;
    case 'desktop':
      return html`<div class="screen-desktop" data-testid="screen-desktop">
        ${m.kiosk
          ? html`<div class="kiosk"><div class="kiosk-app">${m.org} kiosk</div><div class="kiosk-user">kioskUser0</div></div>`
          : html`<div class="desk-icons"><div>${glyph('bin')}<span>Recycle Bin</span></div><div>${glyph('edge')}<span>Microsoft Edge</span></div>${m.outcome === 'fell-back-to-oobe' ? null : html`<div>${glyph('portal')}<span>Company Portal</span></div>`}</div>`}
        <div class="taskbar"><span class="start"><i></i><i></i><i></i><i></i></span>${glyph('search')}${glyph('folder')}${glyph('edge')}${glyph('store')}</div>
      </div>`;
    default:
      return html`<div class="screen-oobe-bg">${spinner('Just a moment…')}</div>`;
  }
}

export function DeviceScreen({ model, label }: { model: ScreenModel; label?: string }): VNode {
  // The simulator's note takes the height its words need under the device (--note-h, read by styles.css): a fixed room
  // of two lines let a longer note (a cause of 170 characters: four lines at 1024x768) run under the narration.
  const device = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = device.current;
    const note = el?.querySelector<HTMLElement>('.sim-note');
    if (!el || !note) return;
    // On its box too (the studio's device-wrap), which at 150% zoom grows by it under an ESP page (styles.css).
    const boxes = [el, el.parentElement].filter((b) => b !== null);
    const read = () => boxes.forEach((b) => b.style.setProperty('--note-h', `${note.getBoundingClientRect().height}px`));
    read();
    const watch = new ResizeObserver(read);
    watch.observe(note);
    return () => {
      watch.disconnect();
      boxes.forEach((b) => b.style.removeProperty('--note-h'));
    };
  }, [model.note]);
  return html`<div class="device" ref=${device} role="region" aria-label=${label ? `${label}: what the person at the device sees` : 'What the person at the device sees'} data-testid="device-screen" data-kind=${model.kind} data-outcome=${model.outcome ?? null}>
    ${label ? html`<div class="device-label">${label}</div>` : null}
    <div class="monitor-room"><div class="monitor"><div class="screen">${inner(model)}</div></div></div>
    ${model.note ? html`<div class="sim-note" data-testid="sim-note"><b>Simulator:</b> ${model.note}</div>` : null}
  </div>`;
}
