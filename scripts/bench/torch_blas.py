# Which BLAS this PyTorch process really uses, read from the libraries mapped into it
# (/proc/self/maps, after `import torch`), not assumed from the environment: Debian's torch links
# the generic libblas.so.3, which is the reference (Netlib) BLAS unless the system's alternative or
# LD_LIBRARY_PATH (scripts/bench/torch-blas.ts) points it at OpenBLAS. For OpenBLAS also its
# configuration string and thread count, asked of the library itself.
import ctypes


def loaded_blas():
    libs = []
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            name = path.rsplit("/", 1)[-1]
            if (name.startswith("libblas") or name.startswith("libopenblas") or name.startswith("liblapack") or name.startswith("libmkl")) and path not in libs:
                libs.append(path)
    openblas = [p for p in libs if "openblas" in p.rsplit("/", 1)[-1]]
    info = {"blas": "unknown", "blas_libs": libs, "blas_threads": None, "blas_config": None}
    if openblas:
        lib = ctypes.CDLL(openblas[0])
        lib.openblas_get_config.restype = ctypes.c_char_p
        config = lib.openblas_get_config().decode()
        info["blas"] = " ".join(config.split(" ")[:2])
        info["blas_config"] = config
        info["blas_threads"] = lib.openblas_get_num_threads()
    elif any(p.rsplit("/", 1)[-1].startswith("libmkl") for p in libs):
        info["blas"] = "MKL"
    elif any(p.rsplit("/", 1)[-1].startswith("libblas.so") for p in libs):
        info["blas"] = "reference BLAS"
    return info
