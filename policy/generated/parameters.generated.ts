// 由 policy/tools/build-parameters.ts 从 policy/parameters/**/*.yaml 和 config/region.yaml 生成，请勿手改。
// 改参数或地区请改 YAML，然后运行：node bin/run-ts.mjs policy/tools/build-parameters.ts
import type { PolicyRegion } from '../region.ts';
import type { ParameterFile } from '../schema.ts';

export const DEFAULT_REGION: PolicyRegion = {
  "city": "达州市",
  "province": "四川省",
  "districts": [
    "通川区",
    "达川区",
    "万源市",
    "宣汉县",
    "开江县",
    "大竹县",
    "渠县"
  ],
  "parameters": {
    "province": "sichuan",
    "city": "dazhou"
  }
};

export const PARAMETER_FILES: Record<string, ParameterFile> = {
  "dazhou/minimum-wage-monthly": {
    "label": "达州各区县月最低工资标准",
    "description": "领取地（区县）执行的月最低工资标准，用于失业保险金。",
    "unit": "元/月",
    "renewal": "standing",
    "reviewBy": "2026-12-31",
    "values": {
      "2022-04-01": {
        "value": null,
        "confidence": "unverified",
        "source": {
          "title": "四川省2022年最低工资标准调整通知（文号未找到）"
        },
        "note": "2022年4月至2024年12月达州各区县属于哪一档未核实，不给出金额"
      },
      "2025-01-01": {
        "value": {
          "通川区": 2200,
          "达川区": 2200,
          "万源市": 2200,
          "宣汉县": 2200,
          "开江县": 2200,
          "大竹县": 2200,
          "渠县": 2200
        },
        "confidence": "unverified",
        "source": {
          "title": "四川省人民政府关于调整全省最低工资标准的通知（达州执行第二档）",
          "docNumber": "川府规〔2024〕4号"
        },
        "note": "全省第二档 2200 元/月有文号；达州全市执行第二档来自第三方“已逐个核实”，未读到达州市公告原文。"
      }
    }
  },
  "dazhou/resident-pension-basic-addition": {
    "label": "达州市及区县加发的城乡居民基础养老金",
    "description": "达州市、区县在全国和四川标准之上自行加发的基础养老金（每人每月），含长缴多得、高龄加发。",
    "unit": "元/月",
    "renewal": "standing",
    "values": {
      "2014-07-01": {
        "value": null,
        "confidence": "unverified",
        "source": {
          "title": "达州市人社局公告（待查）"
        },
        "note": "没有找到达州市或各区县是否加发、加发多少的出处，以当地社保经办机构告知为准"
      }
    }
  },
  "national/annuity-months": {
    "label": "个人账户养老金计发月数",
    "description": "企业职工按退休时的年龄（整岁）确定个人账户养老金的计发月数；个人账户养老金 = 个人账户储存额 ÷ 计发月数。本表只收录参考资料已列出的 50–65 岁。",
    "unit": "个月",
    "renewal": "standing",
    "values": {
      "2006-01-01": {
        "value": {
          "50": 195,
          "51": 190,
          "52": 185,
          "53": 180,
          "54": 175,
          "55": 170,
          "56": 164,
          "57": 158,
          "58": 152,
          "59": 145,
          "60": 139,
          "61": 132,
          "62": 125,
          "63": 117,
          "64": 109,
          "65": 101
        },
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于完善企业职工基本养老保险制度的决定（附件：个人账户养老金计发月数表）",
          "docNumber": "国发〔2005〕38号",
          "href": "https://zh.wikisource.org/wiki/国务院关于完善企业职工基本养老保险制度的决定"
        },
        "note": "第三方按沪人社规〔2021〕32号附件2逐行核对；表格需对照中国政府网原件。"
      }
    }
  },
  "national/basic-pension-accrual-rate": {
    "label": "基础养老金每满一年缴费的计发比例",
    "description": "基础养老金月标准以计发基数和本人指数化月平均缴费工资的平均值为基数，缴费每满 1 年发给这个比例。",
    "unit": "比例",
    "renewal": "standing",
    "values": {
      "2006-01-01": {
        "value": 0.01,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于完善企业职工基本养老保险制度的决定",
          "docNumber": "国发〔2005〕38号",
          "href": "https://zh.wikisource.org/wiki/国务院关于完善企业职工基本养老保险制度的决定"
        }
      }
    }
  },
  "national/flexible-pension-rate": {
    "label": "灵活就业人员基本养老保险费率",
    "description": "灵活就业人员按所选缴费基数的这个比例缴纳基本养老保险费。",
    "unit": "比例",
    "renewal": "standing",
    "values": {
      "2006-01-01": {
        "value": 0.2,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于完善企业职工基本养老保险制度的决定",
          "docNumber": "国发〔2005〕38号",
          "href": "https://zh.wikisource.org/wiki/国务院关于完善企业职工基本养老保险制度的决定"
        }
      }
    }
  },
  "national/flexible-personal-account-rate": {
    "label": "灵活就业人员缴费记入个人账户的比例",
    "description": "灵活就业人员缴费中按缴费基数的这个比例记入个人账户，其余进入统筹基金。",
    "unit": "比例",
    "renewal": "standing",
    "values": {
      "2006-01-01": {
        "value": 0.08,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于完善企业职工基本养老保险制度的决定",
          "docNumber": "国发〔2005〕38号",
          "href": "https://zh.wikisource.org/wiki/国务院关于完善企业职工基本养老保险制度的决定"
        }
      }
    }
  },
  "national/minimum-contribution-years": {
    "label": "按月领取基本养老金的最低缴费年限",
    "description": "职工达到法定退休年龄时累计缴费满这个年限，才能按月领取基本养老金。按退休年份确定。",
    "unit": "年",
    "renewal": "standing",
    "values": {
      "2011-07-01": {
        "value": 15,
        "confidence": "official",
        "source": {
          "title": "中华人民共和国社会保险法 第十六条"
        }
      },
      "2030-01-01": {
        "value": 15.5,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于渐进式延迟法定退休年龄的办法 附件4（职工按月领取基本养老金最低缴费年限规定表）",
          "href": "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm"
        }
      },
      "2031-01-01": {
        "value": 16,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于渐进式延迟法定退休年龄的办法 附件4（职工按月领取基本养老金最低缴费年限规定表）",
          "href": "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm"
        }
      },
      "2032-01-01": {
        "value": 16.5,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于渐进式延迟法定退休年龄的办法 附件4（职工按月领取基本养老金最低缴费年限规定表）",
          "href": "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm"
        }
      },
      "2033-01-01": {
        "value": 17,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于渐进式延迟法定退休年龄的办法 附件4（职工按月领取基本养老金最低缴费年限规定表）",
          "href": "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm"
        }
      },
      "2034-01-01": {
        "value": 17.5,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于渐进式延迟法定退休年龄的办法 附件4（职工按月领取基本养老金最低缴费年限规定表）",
          "href": "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm"
        }
      },
      "2035-01-01": {
        "value": 18,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于渐进式延迟法定退休年龄的办法 附件4（职工按月领取基本养老金最低缴费年限规定表）",
          "href": "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm"
        }
      },
      "2036-01-01": {
        "value": 18.5,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于渐进式延迟法定退休年龄的办法 附件4（职工按月领取基本养老金最低缴费年限规定表）",
          "href": "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm"
        }
      },
      "2037-01-01": {
        "value": 19,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于渐进式延迟法定退休年龄的办法 附件4（职工按月领取基本养老金最低缴费年限规定表）",
          "href": "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm"
        }
      },
      "2038-01-01": {
        "value": 19.5,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于渐进式延迟法定退休年龄的办法 附件4（职工按月领取基本养老金最低缴费年限规定表）",
          "href": "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm"
        }
      },
      "2039-01-01": {
        "value": 20,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于渐进式延迟法定退休年龄的办法 附件4（职工按月领取基本养老金最低缴费年限规定表）",
          "href": "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm"
        }
      }
    }
  },
  "national/resident-pension-account-divisor": {
    "label": "城乡居民个人账户养老金计发月数",
    "description": "个人账户养老金 = 个人账户全部储存额 ÷ 这个数（与职工 60 岁计发月数相同）。",
    "unit": "个月",
    "renewal": "standing",
    "values": {
      "2014-02-21": {
        "value": 139,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于建立统一的城乡居民基本养老保险制度的意见",
          "docNumber": "国发〔2014〕8号",
          "href": "https://www.gov.cn/zhengce/content/2014-02/26/content_8656.htm"
        }
      }
    }
  },
  "national/resident-pension-basic-minimum": {
    "label": "城乡居民基础养老金全国最低标准",
    "description": "中央确定的城乡居民基础养老金最低标准（每人每月）。实际发放还要加上四川省级提高部分和市县加发部分。",
    "unit": "元/月",
    "renewal": "standing",
    "reviewBy": "2026-12-31",
    "values": {
      "2014-07-01": {
        "value": 70,
        "confidence": "unverified",
        "source": {
          "title": "人社部、财政部关于提高全国城乡居民基本养老保险基础养老金最低标准的通知（文号未核实）"
        },
        "note": "调研者记忆，未找到可引用来源。"
      },
      "2018-01-01": {
        "value": 88,
        "confidence": "unverified",
        "source": {
          "title": "关于2018年提高全国城乡居民基本养老保险基础养老金最低标准的通知（文号未核实）"
        },
        "note": "通知标题见第三方网页，金额为调研者记忆。"
      },
      "2020-07-01": {
        "value": 93,
        "confidence": "unverified",
        "source": {
          "title": "全国城乡居民基础养老金最低标准调整（文号未核实）"
        },
        "note": "调研者记忆，未找到可引用来源。"
      },
      "2022-01-01": {
        "value": 98,
        "confidence": "unverified",
        "source": {
          "title": "全国城乡居民基础养老金最低标准调整（文号未核实）"
        },
        "note": "调研者记忆，未找到可引用来源。"
      },
      "2023-01-01": {
        "value": 103,
        "confidence": "official-secondhand",
        "source": {
          "title": "县政府网转载的城乡居民基础养老金提标通知（“原103元”）"
        }
      },
      "2024-01-01": {
        "value": 123,
        "confidence": "official-secondhand",
        "source": {
          "title": "县政府网转载的城乡居民基础养老金提标通知（2024年提高20元）"
        }
      },
      "2025-01-01": {
        "value": 143,
        "confidence": "unverified",
        "source": {
          "title": "2025年政府工作报告“城乡居民基础养老金最低标准再提高20元”"
        },
        "note": "金额 143 元为第三方多处默认值，未见正式通知原文。"
      },
      "2026-01-01": {
        "value": 163,
        "confidence": "unverified",
        "source": {
          "title": "2026年政府工作报告“再提高20元”（第三方项目日志转述）"
        },
        "note": "未见正式通知原文。"
      }
    }
  },
  "national/resident-pension-minimum-years": {
    "label": "城乡居民养老保险按月领取的累计缴费年限",
    "description": "年满 60 周岁、累计缴费满这个年限，才能按月领取城乡居民养老保险待遇（制度实施时已满 60 岁等情形另有规定）。",
    "unit": "年",
    "renewal": "standing",
    "values": {
      "2014-02-21": {
        "value": 15,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于建立统一的城乡居民基本养老保险制度的意见",
          "docNumber": "国发〔2014〕8号",
          "href": "https://www.gov.cn/zhengce/content/2014-02/26/content_8656.htm"
        }
      }
    }
  },
  "national/retirement-age-reform": {
    "label": "渐进式延迟法定退休年龄对照规则",
    "description": "2025年1月1日起，男职工、原法定退休年龄为55周岁和50周岁的女职工，按出生年月逐步延迟法定退休年龄。每类人员四行：原法定退休年龄（岁）、开始延迟的出生年月、每几个月延迟1个月、最多延迟月数。",
    "unit": "规则表",
    "renewal": "standing",
    "values": {
      "2025-01-01": {
        "value": {
          "男职工.原法定退休年龄": 60,
          "男职工.开始延迟的出生年月": "1965-01",
          "男职工.每几个月延迟1个月": 4,
          "男职工.最多延迟月数": 36,
          "原55岁退休女职工.原法定退休年龄": 55,
          "原55岁退休女职工.开始延迟的出生年月": "1970-01",
          "原55岁退休女职工.每几个月延迟1个月": 4,
          "原55岁退休女职工.最多延迟月数": 36,
          "原50岁退休女职工.原法定退休年龄": 50,
          "原50岁退休女职工.开始延迟的出生年月": "1975-01",
          "原50岁退休女职工.每几个月延迟1个月": 2,
          "原50岁退休女职工.最多延迟月数": 60
        },
        "confidence": "official-secondhand",
        "source": {
          "title": "全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（附：国务院关于渐进式延迟法定退休年龄的办法，附件1–3）",
          "href": "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm"
        },
        "note": "第三方按官方附件1–3对照表13个样例校验；可用国家社会保险公共服务平台“退休年龄计算器”核对。"
      }
    }
  },
  "national/severance-wage-cap-multiple": {
    "label": "经济补偿月工资封顶倍数",
    "description": "劳动者月工资高于用人单位所在设区的市上年度职工月平均工资这个倍数的，按这个倍数的平均工资支付经济补偿，且年限最高不超过 12 年。",
    "unit": "倍",
    "renewal": "standing",
    "values": {
      "2008-01-01": {
        "value": 3,
        "confidence": "official",
        "source": {
          "title": "中华人民共和国劳动合同法 第四十七条"
        }
      }
    }
  },
  "national/severance-years-cap": {
    "label": "高工资者经济补偿年限上限",
    "description": "月工资超过上年度职工月平均工资 3 倍的，支付经济补偿的年限最高不超过这个年数。",
    "unit": "年",
    "renewal": "standing",
    "values": {
      "2008-01-01": {
        "value": 12,
        "confidence": "official",
        "source": {
          "title": "中华人民共和国劳动合同法 第四十七条"
        }
      }
    }
  },
  "national/unemployment-duration": {
    "label": "失业保险金最长领取期限",
    "description": "按失业前累计缴费时间确定最长领取月数。表中的键是累计缴费月数的下限（满 12 个月即满 1 年）。",
    "unit": "个月",
    "renewal": "standing",
    "values": {
      "2011-07-01": {
        "value": {
          "12": 12,
          "60": 18,
          "120": 24
        },
        "confidence": "official",
        "source": {
          "title": "中华人民共和国社会保险法 第四十六条；失业保险条例 第十七条"
        },
        "note": "四川是否按缴费年数再细化（如每满 1 年领几个月）未核实，这里按全国规则的最长期限计算。"
      }
    }
  },
  "national/unemployment-until-retirement": {
    "label": "临近退休的失业人员可领失业保险金至法定退休年龄",
    "description": "领取失业保险金且距法定退休年龄不足这个年数的人员，领取失业保险金年限延长至法定退休年龄。",
    "unit": "年",
    "renewal": "standing",
    "values": {
      "2025-01-01": {
        "value": 1,
        "confidence": "official-secondhand",
        "source": {
          "title": "国务院关于渐进式延迟法定退休年龄的办法 第五条",
          "href": "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm"
        },
        "note": "条文内容转自参考资料，本站未逐字核对原文；在实施渐进式延迟法定退休年龄期间，由失业保险基金按规定为其缴纳养老保险费。"
      }
    }
  },
  "national/urban-disposable-income": {
    "label": "上一年度全国城镇居民人均可支配收入",
    "description": "用于一次性工亡补助金。键为适用年度的 1 月 1 日，值为上一年度的统计数（例如 2025 年适用 2024 年的 54,188 元）。",
    "unit": "元/年",
    "renewal": "yearly",
    "values": {
      "2022-01-01": {
        "value": 47412,
        "confidence": "unverified",
        "source": {
          "title": "国家统计局《国民经济和社会发展统计公报》（数值取自第三方数据文件，待与公报原文核对）"
        }
      },
      "2023-01-01": {
        "value": 49283,
        "confidence": "unverified",
        "source": {
          "title": "国家统计局《国民经济和社会发展统计公报》（数值取自第三方数据文件，待与公报原文核对）"
        }
      },
      "2024-01-01": {
        "value": 51821,
        "confidence": "unverified",
        "source": {
          "title": "国家统计局《国民经济和社会发展统计公报》（数值取自第三方数据文件，待与公报原文核对）"
        }
      },
      "2025-01-01": {
        "value": 54188,
        "confidence": "unverified",
        "source": {
          "title": "国家统计局《国民经济和社会发展统计公报》（数值取自第三方数据文件，待与公报原文核对）"
        }
      },
      "2026-01-01": {
        "value": 56502,
        "confidence": "unverified",
        "source": {
          "title": "国家统计局《国民经济和社会发展统计公报》（数值取自第三方数据文件，待与公报原文核对）"
        }
      }
    }
  },
  "national/work-injury-allowance-rate": {
    "label": "伤残津贴占本人工资的比例",
    "description": "一至四级伤残按月由工伤保险基金支付；五、六级难以安排工作的由用人单位按月支付，且不得低于当地最低工资标准。",
    "unit": "比例",
    "renewal": "standing",
    "values": {
      "2011-01-01": {
        "value": {
          "1": 0.9,
          "2": 0.85,
          "3": 0.8,
          "4": 0.75,
          "5": 0.7,
          "6": 0.6
        },
        "confidence": "official",
        "source": {
          "title": "工伤保险条例（2010年修订）第三十五条、第三十六条",
          "docNumber": "国务院令第586号"
        }
      }
    }
  },
  "national/work-injury-death-grant-multiple": {
    "label": "一次性工亡补助金倍数",
    "description": "一次性工亡补助金为上一年度全国城镇居民人均可支配收入的这个倍数。",
    "unit": "倍",
    "renewal": "standing",
    "values": {
      "2011-01-01": {
        "value": 20,
        "confidence": "official",
        "source": {
          "title": "工伤保险条例（2010年修订）第三十九条",
          "docNumber": "国务院令第586号"
        }
      }
    }
  },
  "national/work-injury-disability-months": {
    "label": "一次性伤残补助金月数",
    "description": "按伤残等级，以本人工资为基数支付的月数。",
    "unit": "个月",
    "renewal": "standing",
    "values": {
      "2011-01-01": {
        "value": {
          "1": 27,
          "2": 25,
          "3": 23,
          "4": 21,
          "5": 18,
          "6": 16,
          "7": 13,
          "8": 11,
          "9": 9,
          "10": 7
        },
        "confidence": "official",
        "source": {
          "title": "工伤保险条例（2010年修订）第三十五条至第三十七条",
          "docNumber": "国务院令第586号"
        }
      }
    }
  },
  "national/work-injury-wage-cap": {
    "label": "工伤本人工资封顶比例",
    "description": "本人工资高于统筹地区职工平均工资这个比例的，按这个比例计算。",
    "unit": "比例",
    "renewal": "standing",
    "values": {
      "2011-01-01": {
        "value": 3,
        "confidence": "official",
        "source": {
          "title": "工伤保险条例（2010年修订）第六十四条",
          "docNumber": "国务院令第586号"
        }
      }
    }
  },
  "national/work-injury-wage-floor": {
    "label": "工伤本人工资保底比例",
    "description": "本人工资低于统筹地区职工平均工资这个比例的，按这个比例计算。",
    "unit": "比例",
    "renewal": "standing",
    "values": {
      "2011-01-01": {
        "value": 0.6,
        "confidence": "official",
        "source": {
          "title": "工伤保险条例（2010年修订）第六十四条",
          "docNumber": "国务院令第586号"
        }
      }
    }
  },
  "sichuan/contribution-average-wage": {
    "label": "四川全口径城镇单位就业人员月平均工资（缴费口径社平）",
    "description": "核定当年职工个人缴费基数上下限（60%–300%）和计算缴费指数的分母。键为缴费年度的 1 月 1 日，值为上一年的平均工资。不是养老金计发基数。",
    "unit": "元/月",
    "renewal": "yearly",
    "values": {
      "2022-01-01": {
        "value": 6785,
        "confidence": "unverified",
        "source": {
          "title": "第三方四川养老金模块数据（2021年全口径平均工资）",
          "href": "https://github.com/liubigfatty/pension-engine/blob/main/data/provinces/sichuan.js"
        }
      },
      "2023-01-01": {
        "value": 7076,
        "confidence": "unverified",
        "source": {
          "title": "第三方四川养老金模块数据（2021年全口径平均工资）",
          "href": "https://github.com/liubigfatty/pension-engine/blob/main/data/provinces/sichuan.js"
        }
      },
      "2024-01-01": {
        "value": 7518.33,
        "confidence": "unverified",
        "source": {
          "title": "第三方四川养老金模块数据（2021年全口径平均工资）",
          "href": "https://github.com/liubigfatty/pension-engine/blob/main/data/provinces/sichuan.js"
        }
      },
      "2025-01-01": {
        "value": 7646,
        "confidence": "official-secondhand",
        "source": {
          "title": "四川省人力资源和社会保障厅等四部门关于2025年社会保险缴费基数有关问题的通知",
          "docNumber": "川人社办发〔2025〕39号"
        }
      },
      "2026-01-01": {
        "value": 7831,
        "confidence": "official-secondhand",
        "source": {
          "title": "四川省2026年社会保险缴费基数通知（澎湃新闻报道）",
          "docNumber": "川人社办发〔2026〕50号",
          "href": "https://m.thepaper.cn/newsDetail_forward_34052402"
        },
        "note": "2026年9月7日公布，2026年1–9月按新基数补差。"
      }
    }
  },
  "sichuan/contribution-base-limits": {
    "label": "四川职工养老保险个人缴费基数上下限",
    "description": "个人月缴费基数（灵活就业人员自选基数）不得低于 lower、不得高于 upper，即全口径平均工资的 60% 和 300%。键为缴费年度的 1 月 1 日。",
    "unit": "元/月",
    "renewal": "yearly",
    "values": {
      "2022-01-01": {
        "value": {
          "lower": 4071,
          "upper": 20355
        },
        "confidence": "unverified",
        "source": {
          "title": "按 2021 年全口径平均工资 6785 元的 60%/300% 推算（第三方引“川人社发〔2024〕9号”，文号存疑）"
        },
        "note": "平均工资只见于第三方数据，由它推算的上下限同样未核实；以四川省当年公布的缴费基数通知为准。"
      },
      "2023-01-01": {
        "value": {
          "lower": 4246,
          "upper": 21228
        },
        "confidence": "unverified",
        "source": {
          "title": "按 2022 年全口径平均工资 7076 元的 60%/300% 推算"
        },
        "note": "平均工资只见于第三方数据，由它推算的上下限同样未核实；以四川省当年公布的缴费基数通知为准。"
      },
      "2024-01-01": {
        "value": {
          "lower": 4511,
          "upper": 22555
        },
        "confidence": "unverified",
        "source": {
          "title": "按 2023 年全口径平均工资 7518.33 元的 60%/300% 推算"
        },
        "note": "平均工资只见于第三方数据，由它推算的上下限同样未核实；以四川省当年公布的缴费基数通知为准。"
      },
      "2025-01-01": {
        "value": {
          "lower": 4588,
          "upper": 22938
        },
        "confidence": "official-secondhand",
        "source": {
          "title": "四川省人力资源和社会保障厅等四部门关于2025年社会保险缴费基数有关问题的通知",
          "docNumber": "川人社办发〔2025〕39号"
        }
      },
      "2026-01-01": {
        "value": {
          "lower": 4699,
          "upper": 23493
        },
        "confidence": "official-secondhand",
        "source": {
          "title": "四川省2026年社会保险缴费基数通知（澎湃新闻报道）",
          "docNumber": "川人社办发〔2026〕50号",
          "href": "https://m.thepaper.cn/newsDetail_forward_34052402"
        }
      }
    }
  },
  "sichuan/extra-pension-rate": {
    "label": "四川增发养老金比例",
    "description": "增发养老金 = 本人指数化月平均缴费工资 × 这个比例 × 累计缴费年限（另有定额部分，规则未核实，这里不计）。",
    "unit": "比例",
    "renewal": "standing",
    "values": {
      "2006-01-01": {
        "value": 0.001,
        "confidence": "unverified",
        "source": {
          "title": "四川增发养老金细则（第三方称“川劳社发〔2006〕18号”，文号未核实）",
          "href": "https://github.com/liubigfatty/pension-engine/blob/main/data/provinces/sichuan.js"
        },
        "note": "0.1% 由四川核定案例反算吻合；另有案例为 0.4%，条件不明；定额部分未计。上线前须向四川省社保局或 12333 确认。"
      }
    }
  },
  "sichuan/pension-benefit-base": {
    "label": "四川企业职工基本养老金计发基数",
    "description": "计算基础养老金和过渡性养老金用的基数（按退休年度）。当年新基数公布前先按上年基数预发，公布后重算补差。",
    "unit": "元/月",
    "renewal": "yearly",
    "values": {
      "2023-01-01": {
        "value": 8079,
        "confidence": "unverified",
        "source": {
          "title": "四川省社会保险业务办理结果通知单（第三方抄录的核定案例反算）",
          "href": "https://github.com/liubigfatty/pension-engine/blob/main/data/provinces/sichuan.js"
        },
        "note": "未读到四川省人社厅公布原文，仅由核定案例反算吻合。"
      },
      "2024-01-01": {
        "value": 8321,
        "confidence": "unverified",
        "source": {
          "title": "四川省社会保险业务办理结果通知单（第三方抄录的核定案例反算）",
          "href": "https://github.com/liubigfatty/pension-engine/blob/main/data/provinces/sichuan.js"
        },
        "note": "核定案例反算吻合，另有第三方按 2025 年增长 1.69% 互证；未读到公布原文。"
      },
      "2025-01-01": {
        "value": 8462,
        "confidence": "unverified",
        "source": {
          "title": "第三方汇总（搜狐）与 2025年12月四川核定案例反算互证",
          "href": "https://www.sohu.com/a/987867947_120130950"
        },
        "note": "未读到四川省人社厅公布原文。"
      },
      "2026-01-01": {
        "value": null,
        "confidence": "unverified",
        "source": {
          "title": "四川省人社厅计发基数公布（截至2026年10月10日未公布）"
        },
        "note": "2026年度计发基数尚未公布；公布前经办机构按上年基数预发，可在“计发基数”一栏自行填写"
      }
    }
  },
  "sichuan/resident-pension-basic-addition": {
    "label": "四川省级提高的城乡居民基础养老金",
    "description": "四川在全国最低标准之上提高的基础养老金部分（每人每月）。",
    "unit": "元/月",
    "renewal": "standing",
    "values": {
      "2014-07-01": {
        "value": null,
        "confidence": "unverified",
        "source": {
          "title": "四川省人社厅、财政厅城乡居民基础养老金提标通知（待查）"
        },
        "note": "没有找到带出处的数字（第三方给出的 133 元与 193 元互相矛盾，不采用），以当地社保经办机构告知为准"
      }
    }
  },
  "sichuan/transitional-pension-rate": {
    "label": "四川过渡性养老金计发系数",
    "description": "过渡性养老金 =（计发基数 + 本人指数化月平均缴费工资）÷ 2 × 1995年12月31日前未建个人账户的缴费年限 × 这个系数。",
    "unit": "比例",
    "renewal": "standing",
    "values": {
      "2006-01-01": {
        "value": 0.013,
        "confidence": "unverified",
        "source": {
          "title": "四川过渡性养老金办法（第三方称“川劳社发〔2006〕17号”，文号未核实）",
          "href": "https://github.com/liubigfatty/pension-engine/blob/main/data/provinces/sichuan.js"
        },
        "note": "系数由四川核定案例反算吻合；文号与生效日期均未核实，生效日期按文号年份暂记。"
      }
    }
  },
  "sichuan/unemployment-benefit-rate": {
    "label": "四川失业保险金占领取地月最低工资标准的比例",
    "description": "失业保险金按领取地月最低工资标准的这个比例按月发放。",
    "unit": "比例",
    "renewal": "standing",
    "values": {
      "2023-01-01": {
        "value": 0.9,
        "confidence": "official-secondhand",
        "source": {
          "title": "四川失业保险省级统筹相关文件",
          "docNumber": "川人社办发〔2023〕18号"
        },
        "note": "原件未取得，由第三方转述；具体施行日期待核，这里按发文年份暂记。"
      }
    }
  }
};
