// workbook serve: the page works without this file (every button posts the form and the
// answer returns to where the button was); with it, the page is updated in place, rows
// can be dragged, unsaved edits are kept in the browser and offered back, leaving with
// unsaved edits asks first, and a change to the file on disk shows at once. The server
// renders the page either way, so the clock times always come from the CLI's schedule.
"use strict";
(function () {
  const POLL = 1500; // ms between looks at the file on disk
  let pending = Promise.resolve();
  let busy = 0;
  let typed = false; // edits since the server last rendered the page
  let leaving = false; // a download or a chosen navigation: no question before unload

  document.documentElement.classList.replace("no-js", "js");

  const main = () => document.getElementById("page");
  const form = () => document.getElementById("session");
  const draftKey = () => "workbook-draft:" + ((main() && main().dataset.file) || "");
  const unsaved = () => typed || (main() && main().dataset.unsaved === "1");

  function fields(source) {
    const out = [];
    for (const [name, value] of new FormData(source)) {
      if (typeof value === "string") out.push([name, value]);
    }
    return out;
  }

  function keepDraft() {
    const f = form();
    if (!f || !unsaved()) return;
    const draft = { at: Date.now(), fields: fields(f) };
    try { localStorage.setItem(draftKey(), JSON.stringify(draft)); } catch (e) { /* full or off */ }
  }

  function dropDraft() {
    try { localStorage.removeItem(draftKey()); } catch (e) { /* off */ }
  }

  function readDraft() {
    try { return JSON.parse(localStorage.getItem(draftKey()) || "null"); } catch (e) { return null; }
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  // The page as the server answers a form (or a GET), put in place of this one.
  function replace(html, focus) {
    const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("page");
    if (!fresh) return false;
    const active = document.activeElement;
    const name = active && active.name;
    const value = active && "value" in active ? active.value : null;
    main().replaceWith(fresh);
    typed = false;
    settle(fresh, focus, name, value);
    return true;
  }

  // After a new page: keep the cursor where it was, or on the row a button moved.
  function settle(page, focus, name, value) {
    const anchor = page.dataset.anchor && document.getElementById(page.dataset.anchor);
    if (focus && anchor) {
      const again = anchor.querySelector(focus) || anchor.querySelector("[data-grip]") || anchor;
      if (again.focus) again.focus({ preventScroll: true });
      const box = anchor.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) anchor.scrollIntoView({ block: "center" });
    } else if (name && form()) {
      const again = form().elements.namedItem(name);
      if (again && again.focus && !(again instanceof RadioNodeList)) {
        if (value !== null && again.type !== "file" && again.tagName !== "BUTTON" && again.type !== "checkbox") {
          again.value = value;
        }
        again.focus({ preventScroll: true });
      }
    }
    if (page.dataset.unsaved === "1") keepDraft();
    else dropDraft();
  }

  // Post the form (with the pressed button, or as Update) and show the answer in place.
  function post(button, extra, focus) {
    const data = new FormData(form());
    if (button) data.append(button.name, button.value);
    else if (!extra) data.append("update", "1");
    for (const [name, value] of extra || []) data.append(name, value);
    return send("/", { method: "POST", body: data }, focus);
  }

  function send(url, options, focus) {
    busy += 1;
    document.body.dataset.busy = "1"; // for scripts and tests: the page is about to change
    pending = pending.then(async function () {
      const response = await fetch(url, options);
      const html = await response.text();
      if (response.redirected) history.replaceState(null, "", "/"); // saved: a reload reads the file
      return replace(html, focus);
    }).catch(function () {
      // The server stopped (Ctrl-C): the form still posts without JavaScript.
    }).finally(function () {
      busy -= 1;
      if (!busy) delete document.body.dataset.busy;
    });
    return pending;
  }

  // The button pressed: which control to put the cursor on in the row it returns to.
  function focusFor(button) {
    const verb = (button.value || "").split(":")[0];
    if (verb === "up" || verb === "down") return "button[value^='" + verb + ":']:not([disabled])";
    if (button.name !== "op") return null;
    return "input:not([type=hidden]), textarea, select, button";
  }

  const onPage = "button[name=op], button[name=update], button[name=save], button[name=merge], " +
    "button[name=compare], button[name=previews], button[name=previews_from]";

  document.addEventListener("click", function (event) {
    const take = event.target.closest("[data-take-file]");
    if (take) { dropDraft(); leaving = true; return; }
    const restore = event.target.closest("[data-restore]");
    if (restore) { restoreDraft(); return; }
    const discard = event.target.closest("[data-discard-draft]");
    if (discard) { dropDraft(); document.getElementById("draft").hidden = true; return; }
    const button = event.target.closest("button[type=submit]");
    if (!button || !button.form || button.form.id !== "session") return;
    if (!button.matches(onPage)) { // a download: the page stays, and asks nothing
      leaving = true;
      setTimeout(function () { leaving = false; }, 2000);
      return;
    }
    event.preventDefault();
    post(button, null, focusFor(button));
  });

  document.addEventListener("input", function (event) {
    if (!event.target.form || event.target.form.id !== "session") return;
    typed = true;
    clearTimeout(keepDraft.timer);
    keepDraft.timer = setTimeout(keepDraft, 300);
  });

  document.addEventListener("change", function (event) {
    const target = event.target;
    if (!target.form || target.form.id !== "session" || target.name && target.name.startsWith("pick.")) return;
    typed = true;
    post(null);
  });

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (target.matches && target.matches("textarea.line") && event.key === "Enter") {
      event.preventDefault(); // one line: Enter updates the page, as in any other field
      post(null);
      return;
    }
    const grip = target.closest && target.closest("[data-grip]");
    if (grip && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      event.preventDefault();
      const row = grip.closest("[data-row]");
      const verb = event.key === "ArrowUp" ? "up" : "down";
      const button = row.querySelector("button[value^='" + verb + ":']");
      if (button && !button.disabled) post(button, null, "[data-grip]");
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (leaving || !unsaved()) return;
    keepDraft();
    event.preventDefault();
    event.returnValue = ""; // the browser asks whether to leave
  });

  // Dragging a row by its handle: with a mouse, a pen or a finger (pointer events).
  let drag = null;
  document.addEventListener("pointerdown", function (event) {
    const grip = event.target.closest("[data-grip]");
    if (!grip || event.button > 0) return;
    const row = grip.closest("[data-row]");
    const list = row.parentElement;
    event.preventDefault();
    grip.setPointerCapture(event.pointerId);
    drag = { grip: grip, row: row, list: list, from: Number(row.dataset.index), moved: false };
    row.classList.add("dragging");
  });
  document.addEventListener("pointermove", function (event) {
    if (!drag) return;
    const rows = Array.from(drag.list.children).filter((li) => li !== drag.row);
    let before = null;
    for (const li of rows) {
      const box = li.getBoundingClientRect();
      if (event.clientY < box.top + box.height / 2) { before = li; break; }
    }
    if (before !== drag.row.nextElementSibling) {
      drag.list.insertBefore(drag.row, before);
      drag.moved = true;
    }
  });
  function endDrag() {
    if (!drag) return;
    const d = drag;
    drag = null;
    d.row.classList.remove("dragging");
    const to = Array.from(d.list.children).indexOf(d.row);
    if (!d.moved || to === d.from) return;
    typed = true;
    const group = d.list.dataset.group;
    post(null, [["op", "move:" + group + "." + d.from + ">" + to]], "[data-grip]");
  }
  document.addEventListener("pointerup", endDrag);
  document.addEventListener("pointercancel", endDrag);

  function restoreDraft() {
    const draft = readDraft();
    document.getElementById("draft").hidden = true;
    if (!draft) return;
    const data = new FormData();
    for (const [name, value] of draft.fields) data.append(name, value);
    data.append("update", "1");
    typed = true;
    send("/", { method: "POST", body: data });
  }

  function offerDraft() {
    const page = main();
    const banner = document.getElementById("draft");
    if (!page || !banner || page.dataset.unsaved === "1") return;
    const draft = readDraft();
    if (!draft || same(draft.fields, fields(form()))) {
      if (draft) dropDraft();
      return;
    }
    banner.querySelector(".when").textContent =
      "(" + new Date(draft.at).toLocaleString(document.documentElement.lang || undefined) + ")";
    banner.hidden = false;
  }

  // The file (or its logo) changed on disk: show it, or say so beside unsaved edits.
  async function look() {
    const page = main();
    if (!page || busy || drag || page.dataset.version === undefined) return;
    let state;
    try {
      state = await (await fetch("/state", { cache: "no-store" })).json();
    } catch (e) {
      return; // the server stopped
    }
    if (busy || page !== main()) return;
    const fileChanged = state.version !== page.dataset.current;
    const logoChanged = state.logo !== page.dataset.logo;
    if (!fileChanged && !logoChanged) return;
    if (page.dataset.blocked) { location.reload(); return; }
    if (!unsaved()) {
      await send("/", { method: "GET" });
      const note = document.getElementById("reloaded");
      if (note) note.hidden = false;
    } else if (fileChanged) {
      page.dataset.current = state.version;
      const banner = document.getElementById("changed");
      if (banner) banner.hidden = false;
    } else {
      page.dataset.logo = state.logo;
      post(null);
    }
  }

  function start() {
    if (!main()) return;
    if (form()) offerDraft();
    if (location.search) history.replaceState(null, "", "/" + location.hash);
    setInterval(look, POLL);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
