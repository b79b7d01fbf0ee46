package boltdb

import (
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// leftoverAge is how old a half-made database must be before it is taken
// for the leftover of a killed playdrill rather than one being made.
const leftoverAge = time.Minute

// removeLeftovers removes the temporary files (.NAME.new-*) that create
// leaves behind when playdrill is killed while making the database at
// path. A file still locked, or made in the last minute, may be another
// playdrill's database in the making, and is left alone.
func removeLeftovers(path string) {
	pattern := filepath.Join(filepath.Dir(path), "."+escapeGlob(filepath.Base(path))+".new-*")
	names, err := filepath.Glob(pattern)
	if err != nil {
		return
	}
	for _, name := range names {
		info, err := os.Lstat(name)
		if err != nil || !info.Mode().IsRegular() || time.Since(info.ModTime()) < leftoverAge {
			continue
		}
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			continue
		}
		// bbolt holds an exclusive lock on a file it has open.
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			_ = os.Remove(name)
		}
		f.Close()
	}
}

// escapeGlob quotes the characters filepath.Match treats specially.
func escapeGlob(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '?', '[', '\\':
			out = append(out, '\\')
		}
		out = append(out, s[i])
	}
	return string(out)
}
