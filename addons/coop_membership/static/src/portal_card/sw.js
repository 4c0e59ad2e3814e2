/* Copyright 2026 Coop Communs
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
 *
 * The member card offline: the card page and its barcode are fetched from the
 * network when there is one (and kept), from the cache when there is none. */
(function () {
  "use strict";
  const CACHE = "coop-card-v1";

  function isCard(url) {
    return url.pathname === "/my/card" || url.pathname.startsWith("/report/barcode");
  }

  self.addEventListener("install", () => self.skipWaiting());
  self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
  self.addEventListener("fetch", (event) => {
    const url = new URL(event.request.url);
    if (event.request.method !== "GET" || url.origin !== self.location.origin) {
      return;
    }
    if (!isCard(url)) {
      return;
    }
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          // Never keep a login page in place of the card
          if (response.ok && !response.redirected) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(event.request, copy));
          }
          return response;
        })
        .catch(() => caches.match(event.request))
    );
  });
})();
