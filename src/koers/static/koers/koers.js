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
