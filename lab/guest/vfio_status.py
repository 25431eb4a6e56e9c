# Kernel truth for VFIO group viability, independent of vfiokit: for each group number given, open
# /dev/vfio/vfio (a fresh container) and /dev/vfio/N, ask VFIO_GROUP_GET_STATUS, then try
# VFIO_GROUP_SET_CONTAINER + VFIO_SET_IOMMU(type1v2), which the kernel refuses for a non-viable
# group. Prints one JSON array (or, with --serve, answers group numbers read from stdin). Ioctl numbers are _IO(';', 100 + n) from include/uapi/linux/vfio.h.
import errno, fcntl, json, os, struct, sys

VFIO_GET_API_VERSION, VFIO_CHECK_EXTENSION, VFIO_SET_IOMMU = 0x3B64, 0x3B65, 0x3B66
VFIO_GROUP_GET_STATUS, VFIO_GROUP_SET_CONTAINER = 0x3B67, 0x3B68
VFIO_TYPE1v2_IOMMU = 3
VFIO_GROUP_FLAGS_VIABLE, VFIO_GROUP_FLAGS_CONTAINER_SET = 1, 2


def status(group):
    r = {"group": group}
    path = "/dev/vfio/" + group
    if not os.path.exists(path):
        r["node"] = False
        return r
    r["node"] = True
    c = g = -1
    try:
        c = os.open("/dev/vfio/vfio", os.O_RDWR)
        r["apiVersion"] = fcntl.ioctl(c, VFIO_GET_API_VERSION)
        r["type1v2"] = fcntl.ioctl(c, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) == 1
        g = os.open(path, os.O_RDWR)
        buf = bytearray(struct.pack("II", 8, 0))
        fcntl.ioctl(g, VFIO_GROUP_GET_STATUS, buf)
        flags = struct.unpack("II", buf)[1]
        r["flags"] = flags
        r["viable"] = bool(flags & VFIO_GROUP_FLAGS_VIABLE)
        try:
            fcntl.ioctl(g, VFIO_GROUP_SET_CONTAINER, bytearray(struct.pack("i", c)))
            fcntl.ioctl(c, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU)
            r["setContainer"] = "ok"
        except OSError as e:
            r["setContainer"] = errno.errorcode.get(e.errno, str(e.errno))
    except OSError as e:
        r["error"] = "%s: %s" % (errno.errorcode.get(e.errno, e.errno), e.strerror)
    finally:
        for fd in (g, c):
            if fd >= 0:
                os.close(fd)
    return r


if sys.argv[1:2] == ["--serve"]:
    # One query per line on stdin (a group number), one JSON object per line back: a caller
    # asking hundreds of times pays for one python start, which takes most of a second under TCG.
    for line in sys.stdin:
        print(json.dumps(status(line.strip())), flush=True)
else:
    print(json.dumps([status(g) for g in sys.argv[1:]]))
