/* Copyright 2026 Coop Communs
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker
      .register("/my/card/sw.js", {scope: "/my/card"})
      .catch(() => {
        // Offline use is a bonus: the card shows anyway
      });
  }
})();
