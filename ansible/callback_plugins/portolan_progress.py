# Portolan's stdout callback: one JSON object per line for every event 'portolan fleet'
# needs (task start, per host: start, ok, failed, unreachable, skipped; the final stats).
# fleet draws its progress line from these and takes from them why a host was not probed.
# Enable with ANSIBLE_STDOUT_CALLBACK=portolan_progress and ANSIBLE_CALLBACK_PLUGINS=<this folder>.
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = '''
    name: portolan_progress
    type: stdout
    short_description: one JSON line per event, for portolan fleet
    description:
      - Prints task starts, per-host results and the final stats as JSON lines.
'''

import json
import sys
import time

from ansible.plugins.callback import CallbackBase


def _now():
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime()) + '.%03dZ' % (int(time.time() * 1000) % 1000)


def _tail(text, limit=600):
    text = (text or '').strip()
    return text if len(text) <= limit else '...' + text[-limit:]


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'portolan_progress'

    def _emit(self, **event):
        event['time'] = _now()
        sys.stdout.write(json.dumps(event, sort_keys=True) + '\n')
        sys.stdout.flush()

    def _result(self, kind, result, **extra):
        r = result._result
        msg = r.get('msg') or ''
        if not isinstance(msg, str):
            msg = json.dumps(msg)
        facts = r.get('ansible_facts') or {}
        if isinstance(facts, dict) and 'portolan_java_cmd' in facts:
            extra['java'] = facts['portolan_java_cmd']
        self._emit(event=kind, host=result._host.get_name(), task=result._task.get_name(),
                   msg=_tail(msg), rc=r.get('rc'),
                   stderr=_tail((r.get('stderr') or r.get('module_stderr') or '') if isinstance(r.get('stderr') or r.get('module_stderr') or '', str) else ''),
                   **extra)

    def v2_playbook_on_play_start(self, play):
        self._emit(event='play', name=play.get_name())

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._emit(event='task', task=task.get_name())

    def v2_runner_on_start(self, host, task):
        self._emit(event='start', host=host.get_name(), task=task.get_name())

    def v2_runner_on_ok(self, result):
        self._result('ok', result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._result('failed', result, ignored=bool(ignore_errors))

    def v2_runner_on_unreachable(self, result):
        self._result('unreachable', result)

    def v2_runner_on_skipped(self, result):
        self._emit(event='skipped', host=result._host.get_name(), task=result._task.get_name())

    def v2_runner_item_on_failed(self, result):
        self._result('item_failed', result)

    def v2_playbook_on_no_hosts_matched(self):
        self._emit(event='no_hosts')

    def v2_playbook_on_stats(self, stats):
        hosts = {}
        for h in sorted(stats.processed.keys()):
            hosts[h] = stats.summarize(h)
        self._emit(event='stats', hosts=hosts)

    def v2_runner_on_async_failed(self, result):
        self._result('failed', result)
