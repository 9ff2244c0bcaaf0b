// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary of a form that failed validation.
  const resume = document.querySelector(".resume-erreurs");
  if (resume) resume.focus();

  // Under 600 px the header's menus fold behind a "Menu" button (CSS: .avec-js, .menu-ouvert).
  const bouton = document.querySelector(".bouton-menu");
  const entete = document.querySelector(".entete");
  if (bouton && entete) {
    document.documentElement.classList.add("avec-js");
    bouton.addEventListener("click", () => {
      const ouvert = entete.classList.toggle("menu-ouvert");
      bouton.setAttribute("aria-expanded", String(ouvert));
    });
  }
});
