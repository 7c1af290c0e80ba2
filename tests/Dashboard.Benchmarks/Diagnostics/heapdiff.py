#!/usr/bin/env python3
"""What one circuit holds, by type and by category: the difference of two `dumpheap -stat` outputs (snapshot.sh),
divided by the number of circuits between them.

    python3 heapdiff.py s1.txt s500.txt 499 [--top 40]
"""
import collections
import re
import sys

COMPONENT = re.compile(r'^(MudBlazor\.Mud[A-Za-z]+(<.*>)?|Dashboard\.Components\.[A-Za-z.]+|Microsoft\.AspNetCore\.Components\.('
                       r'Routing\.(NavLink|Router)|Authorization\.(AuthorizeView|AuthorizeRouteView)|Web\.(HeadOutlet|PageTitle|HeadContent)|'
                       r'Sections\.(SectionOutlet|SectionContent)|CascadingValue<.*>|LayoutView|RouteView|Forms\.AntiforgeryToken))$')
NOT_COMPONENTS = {'MudBlazor.MudPopoverHolder', 'Dashboard.Components.Layout.PlanInView'}
BOOKKEEPING = {
    'Microsoft.AspNetCore.Components.Server.Circuits.RemoteComponentState', 'Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder',
    'Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrameArrayBuilder', 'System.Collections.Generic.Stack<System.Int32>',
    'System.Int32[]', 'System.Collections.Generic.Dictionary<System.String, System.Int32>',
    'System.Collections.Generic.Dictionary<System.String, System.Int32>+Entry[]', 'Microsoft.AspNetCore.Components.CascadingParameterState[]',
}


def load(path):
    types = collections.defaultdict(lambda: [0, 0])
    for line in open(path, encoding='utf-8'):
        m = re.match(r'\s*[0-9a-f]{8,}\s+([\d,]+)\s+([\d,]+)\s+(.*\S)\s*$', line)
        if m:
            types[m.group(3)][0] += int(m.group(2).replace(',', ''))
            types[m.group(3)][1] += int(m.group(1).replace(',', ''))
    return types


def category(t):
    if t == 'Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame[]':
        return 'render tree frames'
    if t in BOOKKEEPING or t.startswith('Microsoft.AspNetCore.Components.RenderFragment'):
        return 'per-component bookkeeping'
    if COMPONENT.match(t) and t not in NOT_COMPONENTS:
        return 'component instances'
    if 'MudBlazor.State' in t or t.startswith('System.Collections.Generic.Dictionary<System.String, System.Object>'):
        return 'MudBlazor parameter state, UserAttributes'
    if 'MudBlazor' in t:
        return 'MudBlazor services and other'
    if 'System.Text.Json' in t:
        return 'JSON metadata of the circuit\'s JSRuntime'
    if t == 'System.String':
        return 'strings'
    if t.startswith(('Dashboard.Progress', 'Dashboard.Plans', 'Dashboard.Briefings', 'Dashboard.Presentation', 'Dashboard.Domain')):
        return 'read models, subscriptions'
    if re.match(r'System\.(Func|Action|EventHandler)|Microsoft\.AspNetCore\.Components\.EventCallback', t):
        return 'delegates, event callbacks'
    return 'other (connection, buffers, tasks, circuit)'


def main():
    args = sys.argv[1:]
    top = 40
    if '--top' in args:
        i = args.index('--top')
        top = int(args[i + 1])
        del args[i:i + 2]
    before, after, circuits = load(args[0]), load(args[1]), float(args[2])
    rows = [((after[t][0] - before[t][0]) / circuits, (after[t][1] - before[t][1]) / circuits, t) for t in set(before) | set(after)]
    print(f'per circuit: {sum(r[0] for r in rows) / 1024:.1f} KiB, {sum(r[1] for r in rows):.0f} objects, '
          f'{sum(r[1] for r in rows if r[2] == "Microsoft.AspNetCore.Components.Server.Circuits.RemoteComponentState"):.0f} components')
    by_category = collections.defaultdict(float)
    for size, _, t in rows:
        by_category[category(t)] += size
    print('\nKiB | category')
    for name, size in sorted(by_category.items(), key=lambda kv: -kv[1]):
        print(f'{size / 1024:6.1f} | {name}')
    print('\nbytes | objects | type')
    for size, count, t in sorted(rows, key=lambda r: -r[0])[:top]:
        print(f'{size:8.0f} | {count:7.1f} | {t}')
    print('\ncomponents | type')
    for size, count, t in sorted(rows, key=lambda r: -r[1]):
        if count >= 0.9 and COMPONENT.match(t) and t not in NOT_COMPONENTS:
            print(f'{count:5.0f} | {t}')


if __name__ == '__main__':
    main()
