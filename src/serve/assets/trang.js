// vanban mo: reload the page when the dataset changes. The server bumps the generation
// only once the new verdicts are ready, so one reload shows them.
(function () {
  "use strict";
  if (document.body.hasAttribute("data-dang-tao")) {
    setTimeout(function () { location.reload(); }, 500);
    return;
  }
  var shown = document.body.getAttribute("data-phien-ban");
  if (shown === null) return;
  var busy = false;
  function poll() {
    if (busy) return;
    busy = true;
    fetch("/api/phien-ban", { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (g) {
        busy = false;
        if (g.trim() !== shown) {
          var y = window.scrollY;
          sessionStorage.setItem("vanban-cuon", String(y));
          location.reload();
        }
      })
      .catch(function () {
        busy = false;
        var s = document.getElementById("trang-thai");
        if (s) s.textContent = "Mất kết nối với vanban (đã tắt chương trình?)";
      });
  }
  var y = sessionStorage.getItem("vanban-cuon");
  if (y !== null) {
    sessionStorage.removeItem("vanban-cuon");
    window.scrollTo(0, Number(y));
  }
  // Mark each preview once it has loaded (or failed): the page says which page is still
  // being laid out, and a headless browser test can see that the image arrived.
  Array.prototype.forEach.call(document.querySelectorAll("img.trang"), function (img) {
    function done(ok) { img.setAttribute(ok ? "data-da-tai" : "data-loi", "1"); }
    if (img.complete && img.naturalWidth > 0) done(true);
    img.addEventListener("load", function () { done(true); });
    img.addEventListener("error", function () { done(false); });
  });
  // A diagnostic's code opens its long explanation under it (a second click closes it);
  // without script the link leads to the explanation's own page.
  Array.prototype.forEach.call(document.querySelectorAll("ul.chan-doan a.ma-loi"), function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      var li = a.closest("li");
      var open = li.querySelector("div.giai-thich-o");
      if (open && !open.hasAttribute("data-loi")) {
        open.hidden = !open.hidden;
        return;
      }
      // A failed load is tried again.
      if (open) open.remove();
      var box = document.createElement("div");
      box.className = "giai-thich-o";
      box.textContent = "Đang tải giải thích…";
      li.appendChild(box);
      fetch(a.getAttribute("href") + "?manh=1", { cache: "no-store" })
        .then(function (r) {
          if (!r.ok) throw new Error(String(r.status));
          return r.text();
        })
        // The server escaped every word of the explanation: the fragment is its markup.
        .then(function (html) { box.innerHTML = html; })
        .catch(function () {
          box.textContent = "Không tải được giải thích — bấm lại, hoặc gõ lệnh vanban giai-thich " + a.textContent.replace("?", "");
          box.setAttribute("data-loi", "1");
        });
    });
  });
  setInterval(poll, 300);
  var form = document.querySelector("form.tao");
  if (form) {
    form.addEventListener("submit", function () {
      var b = form.querySelector("button");
      b.disabled = true;
      b.textContent = "Đang tạo hồ sơ…";
    });
  }
  // Issuing is recorded in the register for good (only the command line withdraws it):
  // asked once more.
  var issue = document.querySelector("form.ban-hanh");
  if (issue) {
    issue.addEventListener("submit", function (e) {
      if (!confirm("Ghi vào sổ văn bản là các văn bản này đã ban hành (đã in, ký, đóng dấu)?")) {
        e.preventDefault();
      }
    });
  }
})();
