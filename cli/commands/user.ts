// `minsheng user add|list|passwd`: console accounts. Passwords come from stdin (first line),
// never from the command line where they would land in shell history and `ps`.
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, readAll, stringOption, UsageError } from '../command.ts';
import { openStore, resolveDataDir, ROLES } from '../../store/index.ts';

const firstLine = (text: string) => text.split(/\r?\n/)[0] ?? '';

export const command: Command = {
  name: 'user',
  summary: '管理工作台用户：add 添加、list 列出、passwd 改密码（密码从标准输入读取）、disable/enable 停用/启用',
  usage: `用法:
  minsheng user add NAME --role duty|publicity|admin [--data DIR]   添加用户，密码取标准输入第一行
  minsheng user passwd NAME [--data DIR]                            修改密码，新密码取标准输入第一行
  minsheng user list [--data DIR]                                   列出用户
  minsheng user disable NAME [--data DIR]                           停用用户（立即结束其全部登录）
  minsheng user enable NAME [--data DIR]                            重新启用用户

角色: duty 舆情值班（处置预警）、publicity 宣传（只读预警、搜索）、admin 管理员（全部，含用户与审计日志）。
密码 12–128 个字符，不能全是空格，不能是常见密码或包含用户名。

选项:
  --role R          add 时必填
${DATA_HELP}

示例:
  printf '%s\\n' '一个足够长的值班密码' | minsheng user add zhangsan --role duty`,
  options: { ...DATA_OPTION, role: { type: 'string', short: 'r' } },
  positionals: { min: 1, max: 2 },
  async run(args, io, env) {
    const [verb, name] = args.positionals;
    const { addUser, changePassword, checkName, checkRole, setUserDisabled, UserInputError } = await import('../../accounts/users.ts');
    const verbs = ['add', 'list', 'passwd', 'disable', 'enable'];
    if (!verbs.includes(verb!)) throw new UsageError(`未知子命令 “${verb}”，应为 ${verbs.join('、')} 之一`);
    if (verb === 'list' && name) throw new UsageError('list 不需要参数');
    if (verb !== 'list' && !name) throw new UsageError(`${verb} 需要用户名`);
    const role = stringOption(args, 'role');
    try {
      if (verb === 'add') {
        if (!role) throw new UsageError(`缺少参数 --role（${ROLES.join(' / ')}）`);
        checkName(name!);
        checkRole(role);
      }
    } catch (err) {
      if (err instanceof UserInputError) throw new UsageError(err.message);
      throw err;
    }

    const store = openStore(resolveDataDir(stringOption(args, 'data'), env), { databaseUrl: env?.databaseUrl });
    try {
      if (verb === 'list') {
        const users = await store.users.list();
        if (users.length === 0) io.stdout.write('还没有用户。用 minsheng user add 添加。\n');
        for (const u of users) io.stdout.write(`${u.name}\t${u.role}\t${u.disabled ? '已停用' : '正常'}\t创建于 ${u.createdAt}\n`);
        return 0;
      }
      const by = { actor: env?.user ? `cli:${env.user}` : 'cli', ip: null };
      if (verb === 'disable' || verb === 'enable') {
        await setUserDisabled(store, name!, verb === 'disable', by);
        io.stdout.write(verb === 'disable' ? `已停用用户 ${name}，其登录已全部结束。\n` : `已启用用户 ${name}。\n`);
        return 0;
      }
      const password = firstLine(await readAll(io.stdin));
      if (verb === 'add') {
        const user = await addUser(store, { name: name!, role: role!, password }, by);
        io.stdout.write(`已添加用户 ${user.name}（${user.role}）。\n`);
      } else {
        await changePassword(store, name!, password, by);
        io.stdout.write(`已修改用户 ${name} 的密码。\n`);
      }
      return 0;
    } catch (err) {
      if (err instanceof UserInputError) {
        io.stderr.write(`minsheng user: ${err.message}\n`);
        return err.exitCode;
      }
      throw err;
    } finally {
      await store.close();
    }
  },
};
