package markdown

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/playdrill/playdrill/internal/atomicfile"
	"github.com/playdrill/playdrill/internal/playbook"
)

// Size limits on what a playbook is read from. A real playbook file is tens
// of kilobytes; the limits leave room for generated playbooks of thousands of
// steps while keeping a link to /dev/zero or a runaway file from filling
// memory.
const (
	// MaxFileSize is the most bytes one playbook file may hold.
	MaxFileSize = 4 << 20
	// MaxPlaybookSize is the most bytes all of a playbook's files may hold
	// together.
	MaxPlaybookSize = 16 << 20
)

// readFile reads one playbook file, at most limit bytes of it. A file that
// is not a regular file (a named pipe, a device, a socket, or a link to
// one) is never opened for reading, so it cannot block or stream forever.
// problem is set, with err nil, when the file is refused.
func readFile(fsys fs.FS, name string, limit int64) (data []byte, problem string, err error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, "", err
	}
	if msg := notRegular(info); msg != "" {
		return nil, msg, nil
	}
	if info.Size() > limit {
		return nil, sizeProblem(info.Size(), limit), nil
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	// The file may have been swapped since the Stat above: ask the open
	// file again.
	if info, err = f.Stat(); err != nil {
		return nil, "", err
	}
	if msg := notRegular(info); msg != "" {
		return nil, msg, nil
	}
	data, err = io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, "", err
	}
	if int64(len(data)) > limit {
		return nil, sizeProblem(int64(len(data)), limit), nil
	}
	return data, "", nil
}

// sizeProblem says a file is over the limit that applies to it.
func sizeProblem(size, limit int64) string {
	if size > MaxFileSize {
		return fmt.Sprintf(msgFileTooBig, megabytes(size), MaxFileSize>>20)
	}
	return fmt.Sprintf(msgPlaybookTooBig, MaxPlaybookSize>>20)
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// notRegular says a file is not a regular file, or "".
func notRegular(info fs.FileInfo) string {
	if what := atomicfile.Kind(info.Mode()); what != "" {
		return fmt.Sprintf(msgNotRegular, what)
	}
	return ""
}

// fileProblem is a refused file's diagnostic: nothing of the file is read,
// so nothing of it may be rendered either.
func fileProblem(name, msg string) Diagnostic {
	return Diagnostic{Pos: playbook.Pos{File: name, Line: 1, Col: 1}, Severity: SevError, Message: msg, Unsafe: true}
}

// DirFS is the folder dir as a file system, like os.DirFS, except that files
// are opened without blocking: a named pipe put in place of a playbook file
// between its check and its opening cannot hang the reader.
func DirFS(dir string) fs.FS { return diskFS{FS: os.DirFS(dir), dir: dir} }

type diskFS struct {
	fs.FS
	dir string
}

func (d diskFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := os.OpenFile(filepath.Join(d.dir, filepath.FromSlash(name)), os.O_RDONLY|nonBlocking, 0)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = name
		}
		return nil, err
	}
	return f, nil
}

// ReadFile is left to Open, so that reads through fs.ReadFile are bounded
// by the same checks.
func (d diskFS) ReadFile(name string) ([]byte, error) {
	data, problem, err := readFile(d, name, MaxFileSize)
	if err == nil && problem != "" {
		err = fmt.Errorf("%s: %s", name, problem)
	}
	return data, err
}

// ReadFile reads a playbook file from disk with the checks Load applies:
// regular files only (a link is followed only to a regular file), at most
// MaxFileSize bytes.
func ReadFile(path string) ([]byte, error) {
	return DirFS(filepath.Dir(path)).(diskFS).ReadFile(filepath.Base(path))
}
