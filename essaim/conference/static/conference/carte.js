// Workshop map over the shared map style (js/carte-fond.js: territory outlines, tiles when the
// settings provide them). The list below the map carries the same information.
(function () {
  "use strict";
  function init() {
    var conteneur = document.getElementById("carte-ateliers");
    if (!conteneur || typeof L === "undefined") { return; }
    var donnees = document.getElementById(conteneur.dataset.points);
    var points = donnees ? JSON.parse(donnees.textContent) : [];
    var carte = L.map(conteneur, { zoomSnap: 0.25 });
    var fond = window.EssaimFond ? window.EssaimFond.ajouter(carte) : { zoomUtile: 14 };
    var groupe = L.featureGroup().addTo(carte);
    points.forEach(function (p) {
      var marqueur = L.circleMarker([p.lat, p.lon], {
        radius: 8, color: "#ffffff", weight: 2, fillColor: p.approximatif ? "#b3741a" : "#1d5c63", fillOpacity: 0.9
      });
      var lien = document.createElement("a");
      lien.href = p.url;
      lien.textContent = p.titre;
      var bloc = document.createElement("div");
      bloc.appendChild(lien);
      bloc.appendChild(document.createElement("br"));
      bloc.appendChild(document.createTextNode(p.lieu + (p.approximatif ? " (position approximative)" : "")));
      marqueur.bindPopup(bloc);
      marqueur.addTo(groupe);
    });
    if (points.length) {
      carte.fitBounds(groupe.getBounds().pad(0.2), { maxZoom: Math.min(14, fond.zoomUtile - 1) });
    } else {
      carte.setView([49.9, 2.8], 7);
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
