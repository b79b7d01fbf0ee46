package tui

import (
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"
)

// reloadDelay is the quiet period after a change before reloading: editors
// often write a file in several steps.
const reloadDelay = 150 * time.Millisecond

func (m *Model) onFileChanged() tea.Cmd {
	if m.cfg.Reload == nil {
		return nil
	}
	m.reloadGen++
	gen := m.reloadGen
	return tea.Tick(reloadDelay, func(time.Time) tea.Msg { return reloadTickMsg{gen: gen} })
}

func (m *Model) onReloadTick(msg reloadTickMsg) tea.Cmd {
	if msg.gen != m.reloadGen || m.cfg.Reload == nil {
		return nil
	}
	return reloadCmd(m.cfg.Reload)
}

// onReloaded swaps in the edited playbook, keeping the rep where they were:
// the same screen, the same selected step, the same drill session.
func (m *Model) onReloaded(msg reloadedMsg) tea.Cmd {
	problems := m.screens[screenProblems].(*problemsScreen)
	switch {
	case msg.err != nil:
		problems.show([]string{msg.err.Error()})
		m.overlay = true
		return problems.Layout()
	case len(msg.problems) > 0 || msg.book == nil:
		if len(msg.problems) == 0 {
			msg.problems = []string{"the playbook could not be loaded"}
		}
		problems.show(msg.problems)
		m.overlay = true
		return problems.Layout()
	}
	m.overlay = false
	m.c.book = msg.book
	m.c.cache.clear()
	cmd := m.resetEngine()
	if m.active == screenWho {
		return cmd
	}
	m.c.setStatus("Playbook reloaded")
	// Screens behind the one in front lay themselves out afresh when
	// they open.
	return tea.Batch(cmd, m.screens[m.active].Update(bookChangedMsg{}), m.current().Layout())
}

// watch reports changes to path (a file or a folder of markdown files) to
// send until stop is called. It watches the folder holding a file because
// editors often save by replacing the file.
func watch(path string, send func(tea.Msg)) (stop func(), err error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		w.Close()
		return nil, err
	}
	info, err := os.Stat(abs)
	if err != nil {
		w.Close()
		return nil, err
	}
	file := ""
	if info.IsDir() {
		err = filepath.WalkDir(abs, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				return w.Add(p)
			}
			return nil
		})
	} else {
		file = abs
		err = w.Add(filepath.Dir(abs))
	}
	if err != nil {
		w.Close()
		return nil, err
	}
	done := make(chan struct{})
	go func() {
		// A panic here would leave the terminal in raw mode: Bubble Tea
		// only recovers its own goroutines.
		defer func() { _ = recover() }()
		for {
			select {
			case <-done:
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if relevant(ev, file) {
					send(fileChangedMsg{})
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return func() {
		close(done)
		w.Close()
	}, nil
}

// relevant says whether ev may change the playbook.
func relevant(ev fsnotify.Event, file string) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	if file != "" {
		return filepath.Clean(ev.Name) == file
	}
	return filepath.Ext(ev.Name) == ".md"
}
