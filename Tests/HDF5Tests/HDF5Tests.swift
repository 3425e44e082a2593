import Testing

/// The parent of every HDF5 test suite; it runs its suites one test at a time.
///
/// Serialised because HDF5 holds an `flock` on every open file, and a child process (python3, h5dump) spawned by
/// one test holds copies of all the descriptors open at that instant until it reaches `exec`. If another test
/// closes and reopens its file inside that interval, the reopen fails with "unable to lock file". The wrapper
/// marks its descriptors close-on-exec, which bounds the interval but cannot remove it.
@Suite(.serialized)
enum HDF5Tests {}
