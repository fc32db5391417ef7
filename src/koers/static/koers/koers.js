// When a save does not reach the server (session expired, network gone, server error), htmx
// leaves the form as it is. Say so next to the button, so nobody thinks their text was saved.
(function () {
  function say(event, status) {
    var messages = document.body.dataset;
    var text = status === 401 ? messages.msgSession
      : status === 0 ? messages.msgOffline
      : status === 403 ? messages.msgForbidden
      : messages.msgFailed;
    var form = event.detail.elt.closest("form");
    var place = (form && form.querySelector("[data-save-status]")) || document.getElementById("save-status");
    place.textContent = text;
    place.classList.add("is-error");
  }
  document.addEventListener("htmx:responseError", function (e) { say(e, e.detail.xhr.status); });
  document.addEventListener("htmx:sendError", function (e) { say(e, 0); });
})();

// A link shown once (share link, open survey link) is selected whole on focus, ready to copy.
// Done here rather than in an onfocus attribute, which the Content-Security-Policy refuses.
document.addEventListener("focusin", function (e) {
  if (e.target.matches && e.target.matches("[data-select-on-focus]")) { e.target.select(); }
});

// A form marked data-keep-offline (the lesson-observation form) keeps what is filled in on this
// device until the server has it. After a dropped connection or a closed tab the page opens
// with the answers restored, and with the same client key, so sending again stores it once.
(function () {
  var form = document.querySelector("form[data-keep-offline]");
  var storage;
  try { storage = window.localStorage; } catch (e) { return; }
  if (!storage) return;
  document.querySelectorAll("[data-forget-offline]").forEach(function (el) {
    var raw = storage.getItem("koers:" + el.dataset.forgetOffline);
    if (raw && JSON.parse(raw).client_key === el.dataset.clientKey) storage.removeItem("koers:" + el.dataset.forgetOffline);
  });
  if (!form) return;
  var key = "koers:" + form.dataset.keepOffline;
  var status = form.querySelector(".offline-status");
  function say(text) { if (status) { status.hidden = false; status.textContent = text; } }
  function save() {
    var data = {};
    new FormData(form).forEach(function (value, name) { if (name !== "csrfmiddlewaretoken") data[name] = value; });
    try { storage.setItem(key, JSON.stringify(data)); } catch (e) { /* full or private mode: the form still works */ }
  }
  var raw = storage.getItem(key);
  if (raw) {
    var data = JSON.parse(raw);
    Object.keys(data).forEach(function (name) {
      form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
        if (el.type === "radio" || el.type === "checkbox") el.checked = el.value === data[name];
        else el.value = data[name];
      });
    });
    say(form.dataset.restored);
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function (e) {
    save();
    if (!navigator.onLine) { e.preventDefault(); say(form.dataset.offline); }
  });
})();
