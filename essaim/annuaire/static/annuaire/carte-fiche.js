// Small map of a record's places over the shared map style (js/carte-fond.js: territory
// outlines, tiles when the settings provide them), framed on their bounds. The list of places
// next to it is the accessible alternative.
document.addEventListener("DOMContentLoaded", () => {
  const conteneur = document.getElementById("carte-lieux");
  const source = document.getElementById("points-lieux");
  if (!conteneur || !source || typeof L === "undefined") return;
  const points = JSON.parse(source.textContent);
  if (!points.length) { conteneur.hidden = true; return; }
  const carte = L.map(conteneur, { scrollWheelZoom: false, zoomSnap: 0.25 });
  const fond = window.EssaimFond ? EssaimFond.ajouter(carte) : { zoomUtile: 14 };
  const limites = [];
  points.forEach((p) => {
    const marqueur = L.circleMarker([p.lat, p.lon], { radius: 9, color: "#1f5f2c", weight: 2, fillColor: "#3f9b4f", fillOpacity: 0.85 });
    marqueur.bindTooltip(`${p.nom} — ${p.adresse}`, { permanent: points.length <= 3, direction: "top" });
    marqueur.addTo(carte);
    limites.push([p.lat, p.lon]);
  });
  if (limites.length === 1) carte.setView(limites[0], Math.min(13, fond.zoomUtile - 1));
  else carte.fitBounds(limites, { padding: [40, 40], maxZoom: Math.min(14, fond.zoomUtile - 1) });
  L.control.scale({ imperial: false }).addTo(carte);
});
