"""Chinese policy and technology-investment articles in, structured English facts out."""

__version__ = "0.1.0"


def package_version(package: str) -> str:
    """Installed version of `package`, for provenance ("not installed" when absent)."""
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"
