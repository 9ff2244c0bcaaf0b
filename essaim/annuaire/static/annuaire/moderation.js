// "Select all" for bulk moderation (the checkboxes work without it).
document.addEventListener("DOMContentLoaded", () => {
  const tout = document.getElementById("tout-selectionner");
  if (!tout) return;
  tout.addEventListener("change", () => {
    document.querySelectorAll("input[name='structures']").forEach((c) => { c.checked = tout.checked; });
  });
});
