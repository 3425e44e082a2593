// Shim over libhdf5 for Swift: exposes the macros Swift cannot import (H5T_NATIVE_*, H5P_DEFAULT, H5F_ACC_*,
// property-list classes) and hides the version-numbered HDF5 functions whose signatures differ between 1.10 and
// 1.12+. The H5T_NATIVE_* and H5P_<class> macros call H5open() themselves, so the library is initialised first.
#ifndef CHDF5_SHIM_H
#define CHDF5_SHIM_H

#include <hdf5.h>
#include <string.h>
#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#endif

// MARK: Native memory types

static inline hid_t chdf5_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t chdf5_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t chdf5_native_int8(void) { return H5T_NATIVE_INT8; }
static inline hid_t chdf5_native_int16(void) { return H5T_NATIVE_INT16; }
static inline hid_t chdf5_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t chdf5_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t chdf5_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t chdf5_native_uint16(void) { return H5T_NATIVE_UINT16; }
static inline hid_t chdf5_native_uint32(void) { return H5T_NATIVE_UINT32; }
static inline hid_t chdf5_native_uint64(void) { return H5T_NATIVE_UINT64; }
/// The C string type (H5T_C_S1) that string types are copied from.
static inline hid_t chdf5_c_string(void) { return H5T_C_S1; }
/// H5T_VARIABLE: the size that makes a string type variable-length.
static inline size_t chdf5_variable_size(void) { return H5T_VARIABLE; }

// MARK: Default identifiers and flags

static inline hid_t chdf5_default(void) { return H5P_DEFAULT; }
static inline hid_t chdf5_all(void) { return H5S_ALL; }
static inline hsize_t chdf5_unlimited(void) { return H5S_UNLIMITED; }
static inline unsigned chdf5_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned chdf5_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline unsigned chdf5_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline hid_t chdf5_file_access_class(void) { return H5P_FILE_ACCESS; }
static inline hid_t chdf5_dataset_create_class(void) { return H5P_DATASET_CREATE; }
static inline hid_t chdf5_link_create_class(void) { return H5P_LINK_CREATE; }
static inline int chdf5_deflate_filter(void) { return H5Z_FILTER_DEFLATE; }

// MARK: Library state

/// Initialises the library and turns off HDF5's automatic printing of error stacks to stderr.
static inline herr_t chdf5_initialise(void) {
    if (H5open() < 0) return -1;
    return H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
}

// MARK: Version-dependent calls

/// > 0 when `path` is an HDF5 file, 0 when it is not, < 0 when it cannot be checked.
static inline htri_t chdf5_is_hdf5(const char *path) {
#if H5_VERSION_GE(1, 12, 0)
    return H5Fis_accessible(path, H5P_DEFAULT);
#else
    return H5Fis_hdf5(path);
#endif
}

/// The H5O_type_t of the object `name` names relative to `location`, or -1 when it cannot be resolved.
static inline int chdf5_object_type(hid_t location, const char *name) {
#if H5_VERSION_GE(1, 12, 0)
    H5O_info2_t info;
    if (H5Oget_info_by_name3(location, name, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return -1;
#else
    H5O_info_t info;
    if (H5Oget_info_by_name2(location, name, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return -1;
#endif
    return (int)info.type;
}

/// The number of attributes attached to the open object `object`, or -1 on failure.
static inline long long chdf5_attribute_count(hid_t object) {
#if H5_VERSION_GE(1, 12, 0)
    H5O_info2_t info;
    if (H5Oget_info3(object, &info, H5O_INFO_NUM_ATTRS) < 0) return -1;
#else
    H5O_info_t info;
    if (H5Oget_info2(object, &info, H5O_INFO_NUM_ATTRS) < 0) return -1;
#endif
    return (long long)info.num_attrs;
}

/// Frees the memory HDF5 allocated for variable-length data read into `buffer`.
static inline herr_t chdf5_reclaim(hid_t type, hid_t space, void *buffer) {
#if H5_VERSION_GE(1, 12, 0)
    return H5Treclaim(type, space, H5P_DEFAULT, buffer);
#else
    return H5Dvlen_reclaim(type, space, H5P_DEFAULT, buffer);
#endif
}

/// Marks the POSIX descriptor of `file` close-on-exec when it uses the default (sec2) driver, so child
/// processes (python3, h5dump, ...) do not inherit it and with it HDF5's flock() lock on the file.
/// Returns 0 on success or when nothing needs doing, -1 on failure.
static inline int chdf5_set_close_on_exec(hid_t file) {
#if defined(__unix__) || defined(__APPLE__)
    hid_t access = H5Fget_access_plist(file);
    if (access < 0) return -1;
    hid_t driver = H5Pget_driver(access);
    H5Pclose(access);
    if (driver != H5FD_SEC2) return 0;
    void *handle = NULL;
    if (H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) < 0 || handle == NULL) return -1;
    int descriptor = *(int *)handle;
    int flags = fcntl(descriptor, F_GETFD);
    if (flags < 0) return -1;
    return fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) < 0 ? -1 : 0;
#else
    (void)file;
    return 0;
#endif
}

// MARK: Error stack

typedef struct {
    char *buffer;
    size_t capacity;
    int found;
} chdf5_error_context;

static herr_t chdf5_error_visitor(unsigned n, const H5E_error2_t *entry, void *data) {
    (void)n;
    chdf5_error_context *context = (chdf5_error_context *)data;
    if (context->found || entry == NULL || entry->desc == NULL || entry->desc[0] == '\0') return 0;
    strncpy(context->buffer, entry->desc, context->capacity - 1);
    context->buffer[context->capacity - 1] = '\0';
    context->found = 1;
    return 0;
}

/// Copies the most specific description on the current thread's error stack into `buffer` ("" when empty).
static inline void chdf5_innermost_error(char *buffer, size_t capacity) {
    if (buffer == NULL || capacity == 0) return;
    buffer[0] = '\0';
    chdf5_error_context context = {buffer, capacity, 0};
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, chdf5_error_visitor, &context);
}

#endif
