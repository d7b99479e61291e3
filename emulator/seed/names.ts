/** Given names and family names for plausible UPNs (firstname.lastname@contoso.onmicrosoft.com). */
export const FIRST_NAMES: readonly string[] = [
  'aaliyah', 'adam', 'adele', 'ahmed', 'aiko', 'alex', 'alice', 'amara', 'amir', 'ana', 'anders', 'andrea',
  'anika', 'arjun', 'astrid', 'ben', 'bianca', 'bjorn', 'camila', 'carlos', 'chen', 'chloe', 'christie',
  'daniel', 'darius', 'diego', 'elena', 'eli', 'emeka', 'emma', 'enrico', 'esther', 'fatima', 'felix',
  'freya', 'gabriel', 'grace', 'hana', 'hannah', 'hiro', 'ines', 'isaac', 'isabel', 'ivan', 'jamal',
  'jana', 'johanna', 'jonas', 'jun', 'kai', 'karin', 'kenji', 'kofi', 'lars', 'laura', 'lee', 'leila',
  'lidia', 'lucas', 'lynne', 'maja', 'malik', 'marco', 'maria', 'megan', 'mei', 'miriam', 'mohammed',
  'nadia', 'nestor', 'nia', 'noah', 'olga', 'omar', 'pablo', 'patti', 'pradeep', 'priya', 'rafael',
  'ravi', 'rosa', 'ruth', 'sakura', 'samuel', 'sara', 'sean', 'siobhan', 'sofia', 'tariq', 'thomas',
  'ulla', 'valentina', 'victor', 'wei', 'yara', 'yusuf', 'zanele', 'zoe',
];

export const LAST_NAMES: readonly string[] = [
  'adams', 'ahmed', 'andersen', 'bakker', 'banerjee', 'becker', 'bianchi', 'brown', 'castillo', 'chen',
  'costa', 'dubois', 'eriksson', 'fernandez', 'fischer', 'garcia-lopez', 'gonzalez', 'gupta', 'haddad',
  'hansen', 'hernandez', 'ito', 'ivanova', 'jansen', 'johansson', 'kaur', 'kim', 'kowalski', 'kumar',
  'larsen', 'lee', 'li', 'lindqvist', 'lopez', 'martin', 'meyer', 'moreau', 'muller', 'murphy', 'nakamura',
  'nguyen', 'novak', "o'neill", 'okafor', 'olsen', 'patel', 'pereira', 'petrov', 'popescu', 'quispe',
  'rahman', 'reddy', 'rossi', 'santos', 'schmidt', 'silva', 'singh', 'smith', 'sorensen', 'suzuki',
  'tanaka', 'taylor', 'thompson', 'tran', 'van-dijk', 'vasquez', 'wagner', 'wang', 'watanabe', 'weber',
  'williams', 'wilson', 'wojcik', 'yamamoto', 'yilmaz', 'zhang', 'zimmermann',
];
