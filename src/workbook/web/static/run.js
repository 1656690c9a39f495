// The run view and the room clock: the day's state asked for every second and swapped in;
// the run view's buttons sent without a reload. Without this script the forms still work.
(function () {
  "use strict";
  var kind = document.body.dataset.live;
  var live = document.getElementById("live");
  var problems = document.getElementById("problems");
  var busy = false;
  var shown = 0;  // the revision of the state on the page

  function show(data) {
    if (data.problems) {
      if (problems) {
        problems.innerHTML = "";
        var box = document.createElement("div");
        box.className = "problems";
        box.setAttribute("role", "alert");
        var list = document.createElement("ul");
        data.problems.forEach(function (text) {
          var item = document.createElement("li");
          item.textContent = text;
          list.appendChild(item);
        });
        box.appendChild(list);
        problems.appendChild(box);
      }
      return;
    }
    // a poll sent before a button's answer may come back after it: never go back
    if (data.view.revision < shown) { return; }
    shown = data.view.revision;
    if (problems) { problems.innerHTML = ""; }
    if (live && data[kind] !== undefined) { live.innerHTML = data[kind]; }
    document.body.dataset.revision = data.view.revision;
    document.body.dataset.status = data.view.status;
  }

  function poll() {
    if (busy) { return; }
    fetch("/run/state", { headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(show)
      .catch(function () { /* the server is restarting: ask again in a second */ });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var action = form.getAttribute("action") || "";
    if (action.indexOf("/run/") !== 0 || form.dataset.plain) { return; }
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    busy = true;
    document.body.dataset.busy = "1";
    fetch(action, { method: "POST", body: new FormData(form), headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(show)
      .catch(function () { form.submit(); })
      .finally(function () { busy = false; delete document.body.dataset.busy; });
  });

  if (live) { window.setInterval(poll, 1000); }
})();
