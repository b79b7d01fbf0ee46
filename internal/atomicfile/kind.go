package atomicfile

import "io/fs"

// Kind names what a file that is not a regular file is ("a named pipe
// (FIFO)", "a socket", "a device", "a folder"), or "" for a regular file.
// Reading a pipe or a device can block or never end, so playdrill opens
// only regular files, and says which kind it refused.
func Kind(mode fs.FileMode) string {
	switch {
	case mode.IsRegular():
		return ""
	case mode.IsDir():
		return "a folder"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "a device"
	case mode&fs.ModeSymlink != 0:
		return "a link"
	}
	return "not a regular file"
}
