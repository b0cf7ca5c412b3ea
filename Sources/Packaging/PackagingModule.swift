/// Manifests, checksums and the day's output folder.
enum PackagingModule {}
