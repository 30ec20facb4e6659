"""Process settings that must be in place before numpy or TensorFlow load.

Every stage script and the command line import this module first. It pins:

- OpenBLAS's kernel to Haswell on x86-64. OpenBLAS picks its kernel by CPU (SkylakeX on
  AVX-512 Intel, Haswell on AVX2 and on AMD Zen), and kernels sum in different orders,
  so float32 features differed in the last bit between machines, and trained models
  by several accuracy points. One kernel gives the same bytes on any x86-64 CPU with
  AVX2.
- TensorFlow's matrix products to one kernel and one split. TensorFlow's Eigen contractions
  (every convolution and dense layer) call oneDNN's sgemm, which picks AVX-512, AVX2 or
  older code by CPU, and split long sums across the intra-op threads, one per core: the
  bytes changed with either. oneDNN is capped at AVX2 and the intra-op pool at 2 threads
  (the build machine's cores), whatever the machine. oneDNN's graph rewrites are off (also
  chosen by CPU), and TensorFlow's C++ logs quiet.

It also freezes the garbage collector's heap when the process exits: with TensorFlow
loaded, the collections of interpreter shutdown took 1.4 s of every stage and command.

A variable the user has already set is left as it is.
"""

import atexit
import gc
import os
import platform

if platform.machine().lower() in ("x86_64", "amd64"):
    os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")
    os.environ.setdefault("ONEDNN_MAX_CPU_ISA", "AVX2")
os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

atexit.register(gc.freeze)
