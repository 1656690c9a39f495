// workbook serve: the page works without this file; with it, adding, moving and removing
// rows and editing the agenda update the page in place instead of reloading it. The server
// renders the page either way, so the clock times come from the CLI's own schedule.
"use strict";
(function () {
  let pending = Promise.resolve();
  let busy = 0;

  function refresh(button) {
    const form = document.getElementById("session");
    const data = new FormData(form);
    data.append(button ? button.name : "update", button ? button.value : "1");
    busy += 1;
    document.body.dataset.busy = "1"; // for scripts and tests: the page is about to change
    pending = pending.then(async function () {
      const response = await fetch("/", { method: "POST", body: data });
      const html = await response.text();
      const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("page");
      if (!fresh) return;
      // Keep what the user is typing into while the page was asked for.
      const active = document.activeElement;
      const name = active && active.name;
      const value = active && "value" in active ? active.value : null;
      document.getElementById("page").replaceWith(fresh);
      const again = name && document.getElementById("session").elements.namedItem(name);
      if (again && again.focus && !(again instanceof RadioNodeList)) {
        if (value !== null && again.type !== "file" && again.tagName !== "BUTTON") again.value = value;
        again.focus();
      }
    }).catch(function () {
      // The server stopped (Ctrl-C): the form still posts without JavaScript.
    }).finally(function () {
      busy -= 1;
      if (!busy) delete document.body.dataset.busy;
    });
    return pending;
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("button[name=op]");
    if (!button || !button.form) return;
    event.preventDefault();
    refresh(button);
  });
  document.addEventListener("change", function (event) {
    if (event.target.form && event.target.form.id === "session") refresh(null);
  });
})();
