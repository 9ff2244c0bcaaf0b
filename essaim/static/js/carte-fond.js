// One map style for every Leaflet map of the site (/carte/, the embed, record pages, the
// conference agenda): territory outlines drawn as a vector layer with readable labels
// (régions, départements; EPCI when zoomed in and loaded), under an optional tile layer set by
// the settings (CARTE_TUILES_*). With no tiles, offline or in tests, the outlines alone make a
// readable map. Configuration comes from the json_script "carte-fond-config" (strict CSP).
//
//   const fond = EssaimFond.ajouter(carte);   // after L.map(...)
//   carte.setView(point, Math.min(13, fond.zoomUtile - 1));  // outlines alone: not past the EPCI
(function () {
  "use strict";
  const lireConfig = () => {
    const el = document.getElementById("carte-fond-config");
    return el ? JSON.parse(el.textContent) : { contours: {} };
  };
  // Zoom ranges: outlines and labels of each level.
  const NIVEAUX = {
    region: { traits: [0, 30], etiquettes: [0, 6], trait: 1.6, couleur: "#5b6f66" },
    departement: { traits: [5, 30], etiquettes: [7, 9], trait: 0.8, couleur: "#7f928a" },
    epci: { traits: [9, 30], etiquettes: [10, 30], trait: 0.6, couleur: "#98a9a1", tirets: "3 3" },
  };
  const cache = {};

  function charger(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { headers: { Accept: "application/geo+json" } })
        .then((r) => (r.ok ? r.json() : { features: [] }))
        .catch(() => ({ features: [] }));
    }
    return cache[url];
  }

  function etiquette(nom) {
    const span = document.createElement("span");
    span.textContent = nom;
    return span;
  }

  function ajouter(carte, options) {
    const config = lireConfig();
    options = options || {};
    const tuiles = options.tuiles === false ? null : config.tuiles;
    const conteneur = carte.getContainer();
    conteneur.classList.add("carte-fond", tuiles ? "carte-fond--tuiles" : "carte-fond--vectoriel");
    if (tuiles) {
      L.tileLayer(tuiles.url, { attribution: tuiles.attribution, maxZoom: tuiles.zoomMax }).addTo(carte);
    }
    if (config.attribution && carte.attributionControl) {
      carte.attributionControl.setPrefix(false);
      carte.attributionControl.addAttribution(config.attribution);
    }
    // Outlines under the markers, labels above the outlines; both ignored by screen readers
    // (the list beside each map is the accessible alternative) and by the pointer.
    for (const [nom, z] of [["fondContours", 350], ["fondEtiquettes", 380]]) {
      const pane = carte.createPane(nom);
      pane.style.zIndex = String(z);
      pane.style.pointerEvents = "none";
      pane.setAttribute("aria-hidden", "true");
    }
    const renderer = L.svg({ pane: "fondContours", padding: 0.5 });
    const couches = {};
    const etiquettes = L.layerGroup().addTo(carte);
    const donnees = {};

    function style(niveau) {
      const n = NIVEAUX[niveau];
      const plein = !tuiles && niveau === "region";
      return {
        renderer: renderer,
        pane: "fondContours",
        interactive: false,
        color: n.couleur,
        weight: n.trait,
        dashArray: n.tirets || null,
        fill: plein,
        fillColor: "#f7f5ee",
        fillOpacity: plein ? 1 : 0,
        className: "carte-fond__" + niveau,
      };
    }

    function dans(z, [min, max]) {
      return z >= min && z <= max;
    }

    function actualiser() {
      const z = carte.getZoom();
      const vue = carte.getBounds().pad(0.1);
      for (const [niveau, couche] of Object.entries(couches)) {
        const visible = dans(z, NIVEAUX[niveau].traits);
        if (visible && !carte.hasLayer(couche)) couche.addTo(carte);
        if (!visible && carte.hasLayer(couche)) carte.removeLayer(couche);
      }
      etiquettes.clearLayers();
      for (const [niveau, features] of Object.entries(donnees)) {
        if (!dans(z, NIVEAUX[niveau].etiquettes)) continue;
        for (const f of features) {
          const [lon, lat] = f.properties.etiquette;
          if (!vue.contains([lat, lon])) continue;
          etiquettes.addLayer(
            L.marker([lat, lon], {
              pane: "fondEtiquettes",
              interactive: false,
              keyboard: false,
              icon: L.divIcon({
                className: "carte-fond-etiquette carte-fond-etiquette--" + niveau,
                html: etiquette(f.properties.nom),
                iconSize: null,
              }),
            })
          );
        }
      }
      chargerEpci();
    }

    function ajouterNiveau(niveau, collection) {
      if (!collection.features.length) return;
      donnees[niveau] = (donnees[niveau] || []).concat(collection.features);
      if (!couches[niveau]) couches[niveau] = L.geoJSON(null, { style: () => style(niveau) });
      couches[niveau].addData(collection);
      carte.whenReady(actualiser);
      conteneur.dataset.contours = String(Object.values(donnees).reduce((n, l) => n + l.length, 0));
    }

    // EPCI outlines, région by région, once zoomed in (only those of the régions in view).
    const epciDemandes = new Set();
    function chargerEpci() {
      if (!config.contours.epci || !couches.region || carte.getZoom() < NIVEAUX.epci.traits[0]) return;
      const vue = carte.getBounds();
      couches.region.eachLayer((l) => {
        const code = l.feature.properties.code;
        if (epciDemandes.has(code) || !l.getBounds().intersects(vue)) return;
        epciDemandes.add(code);
        charger(config.contours.epci + "?region=" + encodeURIComponent(code)).then((c) => ajouterNiveau("epci", c));
      });
    }

    const pret = Promise.all(
      ["region", "departement"]
        .filter((niveau) => config.contours[niveau])
        .map((niveau) => charger(config.contours[niveau]).then((c) => [niveau, c]))
    ).then((resultats) => {
      for (const [niveau, c] of resultats) ajouterNiveau(niveau, c);
      conteneur.dataset.fond = "pret";
    });
    carte.on("zoomend moveend", actualiser);
    // Without tiles there is nothing to see below the EPCI: pages cap their zoom with this.
    const zoomUtile = tuiles ? tuiles.zoomMax || 18 : 10;
    return { pret: pret, actualiser: actualiser, tuiles: !!tuiles, zoomUtile: zoomUtile };
  }

  window.EssaimFond = { ajouter: ajouter };
})();
