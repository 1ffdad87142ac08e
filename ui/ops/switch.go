package ops

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// paneMemory is where a pane last was in each kind, so switching back
// returns there.
type paneMemory struct {
	local source.Source
	s3    source.Source
}

// switchKind shows S3 in a pane that shows local files, and local files
// in one that shows S3: where the pane last was in that kind, else where
// the other pane is if it is of that kind, else the start location.
func (m *Manager) switchKind(p, other Pane) tea.Cmd {
	mem := m.memory[p.ID()]
	var target source.Source
	switch src := p.Source().(type) {
	case source.Local:
		mem.local = src
		target = firstOf2(mem.s3, ofKind(other, source.KindS3))
		if target == nil {
			if m.o.Client == nil {
				return statusCmd(common.LevelWarn, "no S3 connection in this session")
			}
			target = source.NewS3(m.o.Client, m.o.S3Start)
		}
	default:
		mem.s3 = src
		target = firstOf2(mem.local, ofKind(other, source.KindLocal))
		if target == nil {
			target = source.NewLocal(m.o.LocalDir)
		}
	}
	m.memory[p.ID()] = mem
	note := ""
	if target.Kind() == source.KindS3 {
		note = m.o.SwitchNote
	}
	return tea.Batch(p.SetSource(target), statusCmd(common.LevelInfo, "this pane now shows "+common.Sanitize(source.Label(target))+note))
}

func ofKind(p Pane, k source.Kind) source.Source {
	if p == nil || p.Source().Kind() != k {
		return nil
	}
	return p.Source()
}

func firstOf2(a, b source.Source) source.Source {
	if a != nil {
		return a
	}
	return b
}
