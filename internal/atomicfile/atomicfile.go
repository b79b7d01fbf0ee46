// Package atomicfile writes files so that a reader sees either the old
// file or the whole new one, never a half-written file, and so that a new
// file survives a crash once written: it writes a temporary file in the same
// folder, syncs it, moves it into place and syncs the folder.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Mode says what happens to a file already at the path.
type Mode int

const (
	// Replace replaces an existing file in one step.
	Replace Mode = iota
	// Create refuses to replace an existing file, even one that appears
	// while the new one is being written: the error wraps fs.ErrExist.
	Create
)

// Write writes path with what write produces, with permissions perm. When
// write fails, nothing changes at path.
func Write(path string, mode Mode, perm fs.FileMode, write func(io.Writer) error) (err error) {
	f, err := New(path, mode, perm)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Abort()
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	return f.Commit()
}

// File is a temporary file that becomes path on Commit.
type File struct {
	*os.File
	path string
	mode Mode
	done bool
}

// New starts a file that becomes path on Commit. It fails plainly for a
// path that is a folder, in a folder that does not exist, or (in Create
// mode) that already exists.
func New(path string, mode Mode, perm fs.FileMode) (*File, error) {
	if err := check(path, mode); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return &File{File: tmp, path: path, mode: mode}, nil
}

// check says plainly what would otherwise surface as an error about the
// temporary file's name.
func check(path string, mode Mode) error {
	info, err := os.Lstat(path)
	switch {
	case err == nil && info.IsDir():
		return fmt.Errorf("writing %s: it is a folder; name a file to write", path)
	case err == nil && mode == Create:
		return existsError(path)
	}
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("writing %s: there is no folder %s", path, dir)
	}
	return nil
}

func existsError(path string) error {
	return fmt.Errorf("%s: %w", path, fs.ErrExist)
}

// Commit syncs the file and moves it into place.
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("writing %s: already committed", f.path)
	}
	f.done = true
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = Place(f.Name(), f.path, f.mode)
	}
	os.Remove(f.Name()) // a no-op once renamed; the spare name once linked
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("writing %s: %w", f.path, err)
	}
	return err
}

// Abort drops the temporary file; after Commit it does nothing.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	os.Remove(f.Name())
}

// Place moves the finished file tmp (already synced) to path in the same
// folder, then syncs the folder so the new name survives a crash. In
// Create mode it links, which fails rather than replace a file that
// appeared meanwhile, and leaves tmp for the caller to remove.
func Place(tmp, path string, mode Mode) error {
	if mode == Replace {
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
		return SyncDir(filepath.Dir(path))
	}
	err := os.Link(tmp, path)
	if errors.Is(err, fs.ErrExist) {
		return existsError(path)
	}
	if err != nil {
		// No hard links on this file system: rename, having checked that
		// path is still absent.
		if _, serr := os.Lstat(path); serr == nil {
			return existsError(path)
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	}
	return SyncDir(filepath.Dir(path))
}

// SyncDir makes the entries of folder dir durable. File systems that
// cannot sync a folder are not an error.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
