package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/atomicfile"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/playbooks"
)

// defaultInitDir is where init writes when no folder is given.
const defaultInitDir = "playbook"

func (a *app) initCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a starter playbook folder to edit",
		Long: "init writes the shipped playbook into DIR (default: ./" + defaultInitDir + "), one markdown\n" +
			"file per process, ready to edit. It never overwrites an existing file.",
		Example: "  playdrill init\n  playdrill init sales-playbook",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			dir := defaultInitDir
			if len(args) == 1 {
				dir = args[0]
			}
			return a.initPlaybook(dir)
		},
	}
}

// initPlaybook writes the shipped playbook's files into dir, each with a
// how-to comment. It checks every target first so that it writes either
// all files or none.
func (a *app) initPlaybook(dir string) error {
	files, err := starterFiles(dir)
	if err != nil {
		return err
	}
	for _, f := range files {
		if _, err := os.Lstat(f.path); err == nil {
			return fmt.Errorf("%s already exists; init never overwrites a file (choose another folder)", f.path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	var written []string
	for _, f := range files {
		if err := writeNew(f.path, f.data); err != nil {
			// Leave nothing half done behind.
			for _, p := range written {
				_ = os.Remove(p)
			}
			return err
		}
		written = append(written, f.path)
	}
	for _, p := range written {
		fmt.Fprintf(a.Stdout, "wrote %s\n", p)
	}
	fmt.Fprintf(a.Stdout, "\nNext: edit the files, then check them with\n  playdrill lint %s\n  playdrill show --playbook %s\n", dir, dir)
	return nil
}

type starterFile struct {
	path string
	data []byte
}

// starterFiles reads the shipped playbook's files and adds the how-to
// comment to each.
func starterFiles(dir string) ([]starterFile, error) {
	names, err := fs.Glob(playbooks.FS, "*.md")
	if err != nil {
		return nil, err
	}
	var files []starterFile
	for _, name := range names { // fs.Glob returns names sorted
		data, err := fs.ReadFile(playbooks.FS, name)
		if err != nil {
			return nil, err
		}
		files = append(files, starterFile{
			path: filepath.Join(dir, name),
			data: withHowTo(data, dir),
		})
	}
	return files, nil
}

// howTo is the comment at the top of each starter file. It is an HTML
// comment, so GitHub and other markdown viewers do not show it.
const howTo = `<!--
This is your team's playbook: plain markdown that playdrill drills reps on.
Edit it in any editor. "#" headings are processes and "##" headings are their
steps, in order; every step needs a "Result:" line, and its cards go under
"### Drill". Files are read in the order of their front-matter "order:".

Check it:   playdrill lint {{dir}}
Preview it: playdrill show --playbook {{dir}}
Drill it:   playdrill --playbook {{dir}}
-->
`

// withHowTo puts the how-to comment at the top of data, after the front
// matter if there is one: front matter must stay on the first line.
func withHowTo(data []byte, dir string) []byte {
	comment := []byte(strings.ReplaceAll(howTo, "{{dir}}", dir))
	front, body := markdown.SplitFrontMatter(data)
	var b bytes.Buffer
	b.Write(front)
	if len(front) > 0 {
		b.WriteByte('\n')
	}
	b.Write(comment)
	if len(front) == 0 {
		b.WriteByte('\n')
	}
	b.Write(body)
	return b.Bytes()
}

// writeNew creates path with data, failing if it already exists.
func writeNew(path string, data []byte) error {
	return atomicfile.Write(path, atomicfile.Create, 0o644, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
