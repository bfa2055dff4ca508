import type { DeployedResource, InFlightOperation } from '../state/stack-record';

/** The in-memory form of a record's `inFlight`: what the running operation did so far. */
export interface Journal {
  kind: InFlightOperation['kind'];
  pid: number;
  startedAt: string;
  creating: Set<string>;
  updated: Map<string, DeployedResource>;
  replaced: Map<string, DeployedResource>;
  started: Map<string, DeployedResource>;
  cleanup: boolean;
  removing: string[];
}

export function newJournal(kind: InFlightOperation['kind']): Journal {
  return { kind, pid: process.pid, startedAt: new Date().toISOString(), creating: new Set(), updated: new Map(), replaced: new Map(), started: new Map(), cleanup: false, removing: [] };
}

export function journalFromRecord(inFlight: InFlightOperation): Journal {
  return {
    kind: inFlight.kind,
    pid: inFlight.pid,
    startedAt: inFlight.startedAt,
    creating: new Set(inFlight.creating),
    updated: new Map(Object.entries(inFlight.updated)),
    replaced: new Map(Object.entries(inFlight.replaced)),
    started: new Map(Object.entries(inFlight.started ?? {})),
    cleanup: inFlight.cleanup ?? false,
    removing: [...(inFlight.removing ?? [])],
  };
}

export function journalToRecord(journal: Journal): InFlightOperation {
  return {
    kind: journal.kind,
    pid: journal.pid,
    startedAt: journal.startedAt,
    creating: [...journal.creating],
    updated: Object.fromEntries(journal.updated),
    replaced: Object.fromEntries(journal.replaced),
    started: Object.fromEntries(journal.started),
    cleanup: journal.cleanup,
    removing: journal.removing,
  };
}
