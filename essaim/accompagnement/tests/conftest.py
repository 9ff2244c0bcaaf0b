import pytest


@pytest.fixture(autouse=True)
def _media_isole(tmp_path, settings):
    """Uploaded files go to a per-test folder, never to the shared var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ESSAIM_PRIVE_ROOT = tmp_path / "prive"
