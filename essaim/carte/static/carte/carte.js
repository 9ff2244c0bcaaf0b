// Map of /carte/ and /carte/embed/: server-side clusters loaded as GeoJSON from the API.
// No inline script (strict CSP): configuration comes from json_script blocks.
(function () {
  "use strict";
  const element = document.getElementById("carte");
  if (!element || !window.L) return;
  const lire = (id) => {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  };
  const config = lire("carte-config");
  const embarquee = element.dataset.embed === "1";
  const message = document.getElementById("carte-message");
  const visible = document.getElementById("carte-visible");
  const nombre = new Intl.NumberFormat("fr-FR");
  const FRANCE = [[42.3, -4.8], [51.1, 8.2]];  // metropolitan France, whatever the screen size

  const carte = L.map(element, { minZoom: 2, maxZoom: 18, zoomSnap: 1 });
  carte.attributionControl.setPrefix(false);
  carte.attributionControl.addAttribution("Données : " + (document.title.split(" — ").pop() || "Essaim"));
  // Shared style: territory outlines and labels, tiles when the settings provide them.
  const fond = window.EssaimFond ? EssaimFond.ajouter(carte) : { zoomUtile: 18 };
  const moi = L.layerGroup().addTo(carte);

  // First view: the extent of the records shown (computed by the server), else France.
  let etendue = lire("carte-etendue") || config.etendue || null;
  function cadrer() {
    carte.fitBounds(etendue || FRANCE, { padding: [20, 20], maxZoom: Math.min(12, fond.zoomUtile) });
  }

  // --- Clusters ----------------------------------------------------------------------------
  const couche = L.layerGroup().addTo(carte);
  let requete = null;

  function filtresCourants() {
    const source = embarquee ? "?" + (lire("carte-filtres-embed") || "") : window.location.search;
    const params = new URLSearchParams(source);
    params.delete("page");
    for (const [cle, valeur] of [...params.entries()]) if (!valeur) params.delete(cle);
    return params;
  }

  function echapper(texte) {
    const div = document.createElement("div");
    div.textContent = texte;
    return div.innerHTML;
  }

  function taille(n) {
    return n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : n < 10000 ? 52 : 60;
  }

  // Server clusters sit at the barycentre of their cell, so two neighbours can overlap on
  // screen: merge any that touch (largest first) until none do. Totals are unchanged.
  function sansChevauchement(features) {
    let items = features.map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      return { f: f, count: f.properties.count, p: carte.latLngToLayerPoint([lat, lon]) };
    });
    const rayon = (it) => (it.count > 1 || it.f.properties.cluster ? taille(it.count) / 2 : 8);
    for (let passe = 0, fusion = true; fusion && passe < 6; passe++) {
      fusion = false;
      items.sort((a, b) => b.count - a.count);
      const gardes = [];
      for (const it of items) {
        const voisin = gardes.find((g) => g.p.distanceTo(it.p) < rayon(g) + rayon(it) + 2);
        if (voisin) {
          voisin.count += it.count;
          voisin.fusion = true;
          fusion = true;
        } else {
          gardes.push(it);
        }
      }
      items = gardes;
    }
    return items.map((it) =>
      it.fusion
        ? { geometry: it.f.geometry, properties: { cluster: true, count: it.count } }
        : it.f
    );
  }

  function dessiner(collection) {
    couche.clearLayers();
    for (const f of sansChevauchement(collection.features)) {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      if (p.cluster) {
        const s = taille(p.count);
        const libelle = nombre.format(p.count) + " structures, zoomer";
        const m = L.marker([lat, lon], {
          title: libelle,
          alt: libelle,
          keyboard: true,
          icon: L.divIcon({ className: "carte-cluster", html: "<span>" + nombre.format(p.count) + "</span>", iconSize: [s, s] }),
        });
        m.on("click keypress", () => carte.setView([lat, lon], Math.min(carte.getZoom() + 2, 18)));
        couche.addLayer(m);
      } else {
        const m = L.marker([lat, lon], {
          title: p.nom,
          alt: p.nom,
          keyboard: true,
          icon: L.divIcon({ className: "carte-point", iconSize: [16, 16] }),
        });
        const lien = (embarquee ? config.site : "") + (p.url || "");
        m.bindPopup(
          '<a class="carte-popup" href="' + echapper(lien) + '"' + (embarquee ? ' target="_blank" rel="noopener"' : "") + ">" + echapper(p.nom) + "</a>"
        );
        couche.addLayer(m);
      }
    }
    if (visible) {
      visible.textContent = nombre.format(collection.count) + " structure" + (collection.count > 1 ? "s" : "") + " dans la zone affichée.";
    }
    zoneVide(collection.count);
    element.dataset.charge = String(Date.now());
  }

  // Never leave someone on an empty zone without saying so: a message in the live region,
  // with a button back to the structures. Around me: zoom out step by step until some show.
  let autour = false;
  function zoneVide(n) {
    if (!message) return;
    if (n > 0) {
      if (autour) message.textContent = "Carte centrée sur votre position.";
      else if (message.dataset.vide) message.textContent = "";
      autour = false;
      delete message.dataset.vide;
      return;
    }
    if (autour && carte.getZoom() > 7) {
      message.textContent = "Aucune structure près de votre position, la carte s'élargit…";
      carte.setZoom(carte.getZoom() - 2);
      return;
    }
    autour = false;
    message.dataset.vide = "1";
    message.textContent = "Aucune structure dans cette zone. ";
    const retour = document.createElement("button");
    retour.type = "button";
    retour.id = "recadrer";
    retour.className = "bouton bouton--secondaire";
    retour.textContent = "Revenir aux structures";
    message.appendChild(retour);
  }

  function charger() {
    const b = carte.getBounds();
    const bbox = [
      Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()),
      Math.min(180, b.getEast()), Math.min(85, b.getNorth()),
    ].map((v) => v.toFixed(5)).join(",");
    const params = filtresCourants();
    params.set("bbox", bbox);
    params.set("zoom", String(carte.getZoom()));
    if (requete) requete.abort();
    requete = new AbortController();
    fetch(config.api + "?" + params.toString(), { signal: requete.signal, headers: { Accept: "application/geo+json" } })
      .then((r) => (r.ok ? r.json() : r.json().then((e) => Promise.reject(e))))
      .then(dessiner)
      .catch((e) => {
        if (e && e.name === "AbortError") return;
        if (message) message.textContent = "La carte n'a pas pu être chargée : " + ((e && e.detail) || "erreur réseau") + ".";
      });
  }

  carte.on("moveend", charger);
  cadrer();

  // --- Facet counts and embed code refreshed after htmx swaps the results ----------------
  function majFacettes() {
    const comptes = lire("carte-facettes");
    if (!comptes) return;
    document.querySelectorAll("[data-facette]").forEach((span) => {
      span.textContent = "(" + nombre.format(comptes[span.dataset.facette] || 0) + ")";
    });
  }
  document.body.addEventListener("htmx:afterSettle", () => {
    majFacettes();
    // A new territory (or filters moving the records elsewhere): frame the new extent.
    const nouvelle = lire("carte-etendue");
    if (JSON.stringify(nouvelle) !== JSON.stringify(etendue)) {
      etendue = nouvelle;
      cadrer();
    } else {
      charger();
    }
  });
  // Back/forward: the page is not snapshotted (hx-history="false": Leaflet's DOM carries
  // style attributes that CSP forbids re-parsing), so htmx reloads the URL instead.
  document.addEventListener("DOMContentLoaded", () => {
    if (window.htmx) window.htmx.config.refreshOnHistoryMiss = true;
  });

  document.addEventListener("click", (e) => {
    const cible = e.target.closest("button");
    if (!cible) return;
    if (cible.id === "copier-iframe") {
      const zone = document.getElementById("code-iframe");
      const fait = document.getElementById("copie-faite");
      zone.select();
      (navigator.clipboard ? navigator.clipboard.writeText(zone.value) : Promise.reject())
        .then(() => (fait.textContent = "Code copié."))
        .catch(() => (fait.textContent = "Sélectionnez le code et copiez-le (Ctrl+C)."));
    } else if (cible.id === "voir-liste" || cible.id === "voir-carte") {
      const liste = cible.id === "voir-liste";
      element.hidden = liste;
      document.getElementById("voir-liste").setAttribute("aria-pressed", String(liste));
      document.getElementById("voir-carte").setAttribute("aria-pressed", String(!liste));
      if (liste) {
        const titre = document.getElementById("titre-liste");
        if (titre) titre.focus();
      } else {
        carte.invalidateSize();
      }
    } else if (cible.id === "recadrer") {
      cadrer();
    } else if (cible.id === "autour-de-moi") {
      if (!navigator.geolocation) {
        message.textContent = "La géolocalisation n'est pas disponible dans ce navigateur.";
        return;
      }
      message.textContent = "Recherche de votre position…";
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          const ici = [pos.coords.latitude, pos.coords.longitude];
          moi.clearLayers();
          L.circleMarker(ici, { radius: 8, color: "#0b57d0" }).addTo(moi).bindTooltip("Vous êtes ici");
          message.textContent = "Carte centrée sur votre position.";
          autour = true;
          carte.setView(ici, 13);
        },
        () => (message.textContent = "Position indisponible (autorisation refusée ou signal absent)."),
        { timeout: 10000 }
      );
    }
  });
})();
