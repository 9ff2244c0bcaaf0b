// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary of a form that failed validation.
  const resume = document.querySelector(".resume-erreurs");
  if (resume) resume.focus();
});
